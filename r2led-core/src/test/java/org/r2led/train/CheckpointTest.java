package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

  private Path written(String name) {
    Path f = tmp.resolve(name);
    ParamStore s = store(1);
    Checkpoint.write(f, "m", s, new Adam(s, Adam.Settings.adam(0, 0)), new TrainState());
    return f;
  }

  private static IllegalArgumentException refused(Path f) {
    return assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(f, store(2), null));
  }

  @Test
  void flippedByteIsAChecksumMismatchNamingTheFile() throws Exception {
    Path f = written("flip.ckpt");
    byte[] b = Files.readAllBytes(f);
    b[b.length - 900] ^= 0x10; // inside the parameter floats
    Files.write(f, b);
    IllegalArgumentException e = refused(f);
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("checksum mismatch"), e.getMessage());
    assertTrue(e.getMessage().matches(".*expected [0-9a-f]{8}, got [0-9a-f]{8}.*"), e.getMessage());
  }

  @Test
  void truncatedFileNamesFileAndBytes() throws Exception {
    Path f = written("cut.ckpt");
    byte[] b = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(b, 100));
    IllegalArgumentException e = refused(f);
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("truncated at byte 100 of " + b.length),
        e.getMessage());
    Files.write(f, Arrays.copyOf(b, 5));
    e = refused(f);
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void nonFiniteParameterIsRefusedNamingIt() {
    ParamStore s = store(1);
    s.get("w").values()[5] = Float.NaN;
    Path f = tmp.resolve("nan.ckpt");
    Checkpoint.write(f, "m", s, null, new TrainState()); // a valid, checksummed file
    IllegalArgumentException e = refused(f);
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("parameter w") && e.getMessage().contains("NaN"),
        e.getMessage());
    s.get("w").values()[5] = Float.POSITIVE_INFINITY;
    Checkpoint.write(f, "m", s, null, new TrainState());
    e = refused(f);
    assertTrue(e.getMessage().contains("parameter w") && e.getMessage().contains("Infinity"), e.getMessage());
  }

  @Test
  void version1FilesAreStillReadAndUnknownVersionsNamed() throws Exception {
    ParamStore a = store(1);
    Path f = tmp.resolve("v2.ckpt");
    Checkpoint.write(f, "m", a, null, new TrainState());
    byte[] v2 = Files.readAllBytes(f);
    // version 1 = magic R2LEDCK1 directly followed by the body; version 2 has a 20-byte preamble (magic, length, CRC32C)
    int preambleV2 = 8 + 8 + 4;
    Path old = tmp.resolve("v1.ckpt");
    byte[] v1 = new byte[v2.length - preambleV2 + 8];
    System.arraycopy("R2LEDCK1".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, v1, 0, 8);
    System.arraycopy(v2, preambleV2, v1, 8, v1.length - 8);
    Files.write(old, v1);
    ParamStore b = store(2);
    Checkpoint.read(old, b, null);
    for (Param p : a.all()) assertArrayEquals(p.values(), b.get(p.name()).values(), 0f);
    Files.write(old, Arrays.copyOf(v1, v1.length - 3));
    IllegalArgumentException e = refused(old);
    assertTrue(e.getMessage().contains("truncated at byte " + (v1.length - 3) + " of " + v1.length), e.getMessage());
    v2[7] = '3';
    Files.write(f, v2);
    e = refused(f);
    assertTrue(e.getMessage().contains("format version 3"), e.getMessage());
  }
}
