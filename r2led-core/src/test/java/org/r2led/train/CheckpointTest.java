package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.nn.Adam;
import org.r2led.nn.Gradients;
import org.r2led.nn.Init;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.nn.UniqueIds;

class CheckpointTest {
  @TempDir Path tmp;

  private static ParamStore store(long seed) {
    ParamStore s = new ParamStore(seed);
    s.embedding("emb", 100, 4, 0.1);
    s.dense("w", Init.XAVIER_UNIFORM, 4, 3);
    s.buffer("sig", new long[101]);
    return s;
  }

  @Test
  void roundTripRestoresParamsOptimizerBuffersAndState() {
    ParamStore a = store(1);
    Adam adam = new Adam(a, Adam.Settings.adam(0, 0));
    UniqueIds ids = new UniqueIds(4);
    ids.add(5);
    ids.add(17);
    Param emb = a.get("emb");
    Param w = a.get("w");
    adam.update(new Gradients(List.of(new Gradients.Dense(w, new float[12])),
        List.of(new Gradients.Sparse(emb, ids, new float[] {1, 2, 3, 4, -1, -2, -3, -4}))), 0.1);
    a.buffers().get("sig")[7] = 0xDEADBEEFL;
    TrainState st = new TrainState();
    st.epoch = 2;
    st.nextBatch = 5;
    st.globalStep = 42;
    st.learningRate = 0.001;
    st.bestValidAuc = 0.7;
    st.pendingRows.put("emb", new int[] {5, 17});
    Path f = tmp.resolve("c.ckpt");
    Checkpoint.write(f, "m", a, adam, st);

    ParamStore b = store(99);
    Adam adam2 = new Adam(b, Adam.Settings.adam(0, 0));
    TrainState back = Checkpoint.read(f, b, adam2);
    for (Param p : a.all()) assertArrayEquals(p.values(), b.get(p.name()).values(), 0f);
    assertArrayEquals(adam.firstMoment(emb), adam2.firstMoment(b.get("emb")), 0f);
    assertArrayEquals(adam.secondMoment(emb), adam2.secondMoment(b.get("emb")), 0f);
    assertEquals(1, adam2.steps());
    assertEquals(0xDEADBEEFL, b.buffers().get("sig")[7]);
    assertEquals(42, back.globalStep);
    assertEquals(5, back.nextBatch);
    assertEquals(0.7, back.bestValidAuc, 0);
    assertArrayEquals(new int[] {5, 17}, back.pendingRows.get("emb"));
  }

  @Test
  void missingOrMismatchedCheckpointIsAClearError() {
    Path f = tmp.resolve("nope.ckpt");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(f, store(1), null));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    Path g = tmp.resolve("c.ckpt");
    Checkpoint.write(g, "m", store(1), null, new TrainState());
    ParamStore other = new ParamStore(1);
    other.embedding("emb", 100, 8, 0.1);
    other.dense("w", Init.XAVIER_UNIFORM, 4, 3);
    other.buffer("sig", new long[101]);
    e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(g, other, null));
    assertTrue(e.getMessage().contains("emb") && e.getMessage().contains("shape"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(g, store(1), new Adam(store(1), Adam.Settings.adam(0, 0))));
    assertTrue(e.getMessage().contains("no optimizer state"), e.getMessage());
  }
}
