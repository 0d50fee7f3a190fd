package org.r2led.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Gradients#merge} and {@link GradientCodec}: weighted sums, id unions in ascending order, bytes round trip. */
class GradientsMergeTest {
  private final ParamStore store = new ParamStore(7);
  private final Param w = store.dense("w", Init.ZEROS, 2, 2);
  private final Param b = store.dense("b", Init.ZEROS, 3);
  private final Param emb = store.embedding("emb", 10, 2, 0.1);

  private static UniqueIds ids(int... a) {
    UniqueIds u = new UniqueIds(a.length);
    for (int i : a) u.add(i);
    return u;
  }

  private Gradients part0() {
    return new Gradients(List.of(new Gradients.Dense(w, new float[] {1, 2, 3, 4})),
        List.of(new Gradients.Sparse(emb, ids(5, 2), new float[] {1, 1, 2, 2})));
  }

  private Gradients part1() {
    return new Gradients(List.of(new Gradients.Dense(b, new float[] {9, 9, 9}), new Gradients.Dense(w, new float[] {3, 2, 1, 0})),
        List.of(new Gradients.Sparse(emb, ids(7, 5), new float[] {4, 4, 8, 8})));
  }

  @Test
  void weightedSumsByParameterInPartOrderAndRowsByAscendingId() {
    Gradients m = Gradients.merge(List.of(part0(), part1()), new double[] {0.25, 0.75});
    assertEquals(List.of(w, b), m.dense().stream().map(Gradients.Dense::param).toList());
    assertArrayEquals(new float[] {2.5f, 2f, 1.5f, 1f}, m.dense().get(0).grad());
    assertArrayEquals(new float[] {6.75f, 6.75f, 6.75f}, m.dense().get(1).grad(), "missing in part 0 counts as zero");
    Gradients.Sparse s = m.sparse().get(0);
    assertArrayEquals(new int[] {2, 5, 7}, s.ids().ids());
    // id 2: 0.25*2 ; id 5: 0.25*1 + 0.75*8 ; id 7: 0.75*4
    assertArrayEquals(new float[] {0.5f, 0.5f, 6.25f, 6.25f, 3f, 3f}, s.grad());
    assertEquals(3, m.sparseRows());
    assertEquals(7, m.denseFloats());
  }

  @Test
  void oneWholePartIsReturnedAsItIs() {
    Gradients p = part0();
    assertSame(p, Gradients.merge(List.of(p), new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> Gradients.merge(List.of(p), new double[] {0.5, 0.5}));
  }

  @Test
  void bytesRoundTripExactlyAndNameTheProblemWhenBad() {
    Gradients g = Gradients.merge(List.of(part0(), part1()), new double[] {0.5, 0.5});
    byte[] bytes = GradientCodec.encode(g);
    Gradients back = GradientCodec.decode(bytes, store);
    assertEquals(g.dense().size(), back.dense().size());
    for (int i = 0; i < g.dense().size(); i++) {
      assertSame(g.dense().get(i).param(), back.dense().get(i).param());
      assertArrayEquals(g.dense().get(i).grad(), back.dense().get(i).grad());
    }
    assertSame(emb, back.sparse().get(0).table());
    assertArrayEquals(g.sparse().get(0).ids().ids(), back.sparse().get(0).ids().ids());
    assertArrayEquals(g.sparse().get(0).grad(), back.sparse().get(0).grad());
    assertArrayEquals(bytes, GradientCodec.encode(back));
    // little-endian magic "R2GD", version 1
    assertArrayEquals(new byte[] {'R', '2', 'G', 'D', 1, 0, 0, 0}, java.util.Arrays.copyOf(bytes, 8));

    ParamStore other = new ParamStore(7);
    other.dense("w", Init.ZEROS, 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientCodec.decode(bytes, other));
    assertEquals("no parameter b; have [w]", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GradientCodec.decode(java.util.Arrays.copyOf(bytes, bytes.length - 3), store));
  }

  /** A fork of width 3 that runs its pieces in reverse order (any schedule must give the same result). */
  private static final Fork REVERSED = new Fork() {
    @Override
    public void run(int tasks, java.util.function.IntConsumer task) {
      for (int i = tasks - 1; i >= 0; i--) task.accept(i);
    }

    @Override
    public int width() { return 3; }
  };

  @Test
  void splitMergeAndUpdateEqualTheSerialOnesBitForBit() {
    ParamStore big = new ParamStore(3);
    Param table = big.embedding("t", 9000, 4, 0.1);
    Param dense = big.dense("d", Init.ZEROS, 5);
    java.util.SplittableRandom r = new java.util.SplittableRandom(11);
    List<Gradients> parts = new java.util.ArrayList<>();
    for (int k = 0; k < 2; k++) {
      UniqueIds u = new UniqueIds(4000);
      for (int i = 0; i < 4000; i++) u.add(r.nextInt(9000));
      float[] g = new float[u.size() * 4];
      for (int i = 0; i < g.length; i++) g[i] = (float) r.nextGaussian();
      float[] dg = new float[5];
      for (int i = 0; i < 5; i++) dg[i] = (float) r.nextGaussian();
      parts.add(new Gradients(List.of(new Gradients.Dense(dense, dg)), List.of(new Gradients.Sparse(table, u, g))));
    }
    double[] w = {0.4, 0.6};
    Gradients serial = Gradients.merge(parts, w);
    Gradients split = Gradients.merge(parts, w, REVERSED);
    assertArrayEquals(serial.sparse().get(0).ids().ids(), split.sparse().get(0).ids().ids());
    assertArrayEquals(serial.sparse().get(0).grad(), split.sparse().get(0).grad());
    assertArrayEquals(serial.dense().get(0).grad(), split.dense().get(0).grad());

    ParamStore other = new ParamStore(3);
    Param table2 = other.embedding("t", 9000, 4, 0.1);
    other.dense("d", Init.ZEROS, 5);
    Adam a = new Adam(big, Adam.Settings.adam(0, 10));
    Adam b = new Adam(other, Adam.Settings.adam(0, 10));
    a.update(serial, 0.01);
    b.update(GradientCodec.decode(GradientCodec.encode(split), other), 0.01, REVERSED);
    assertArrayEquals(table.values(), table2.values());
    assertArrayEquals(a.secondMoment(table), b.secondMoment(table2));
  }
}
