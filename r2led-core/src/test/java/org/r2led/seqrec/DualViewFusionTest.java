package org.r2led.seqrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import org.junit.jupiter.api.Test;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Step;

/** Cross-attention fusion respects padding: padded token slots and missing views change nothing. */
class DualViewFusionTest {
  private static float[] semantics(ItemViews v, int width, boolean fusion) {
    try (DualViewFusion f = new DualViewFusion(new ParamStore(11), "d", v, 6, 4, fusion, width);
        NDScope scope = new NDScope(); Step s = new Step(false)) {
      NDArray c = f.coarseViews(s);
      return f.semantics(s, c).toFloatArray();
    }
  }

  @Test
  void paddedTokensAndMissingViewsChangeNothing() {
    ItemViews v = TinyViews.of(12, 5, 3, 3, 0f, 1);
    ItemViews garbage = TinyViews.of(12, 5, 3, 3, 1e4f, 1);          // other values in the missing views' rows
    for (boolean fusion : new boolean[] {true, false}) {
      float[] base = semantics(v, 4, fusion);
      assertArrayEquals(base, semantics(v, 20, fusion), 1e-5f, "more token padding changed the output");
      assertArrayEquals(base, semantics(garbage, 4, fusion), 1e-5f, "a missing view's row changed the output");
      for (int j = 0; j < 6; j++) assertEquals(0f, base[j], 0f, "padding item must have zero semantics");
      for (float x : base) assertTrue(Float.isFinite(x));
    }
  }

  @Test
  void itemWithoutTokensStillGetsItsCoarseSemantics() {
    ItemViews v = TinyViews.of(12, 5, 3, 3, 0f, 2);
    assertEquals(0, v.fine().tokens(5));
    float[] s = semantics(v, 4, true);
    double norm = 0;
    for (int j = 0; j < 6; j++) norm += s[5 * 6 + j] * s[5 * 6 + j];
    assertTrue(norm > 0, "item 5 has coarse views, so non-zero semantics");
  }

  @Test
  void alignmentLossIsFiniteAndSkipsItemsMissingAView() {
    ItemViews v = TinyViews.of(12, 5, 3, 3, 0f, 3);
    try (DualViewFusion f = new DualViewFusion(new ParamStore(11), "d", v, 6, 4, true, 4);
        NDScope scope = new NDScope(); Step s = new Step(false)) {
      NDArray c = f.coarseViews(s);
      assertEquals(null, f.alignment(s, c, new int[] {3, 6}, 0.1f), "items 3 and 6 lack view b: no pair");
      float l = f.alignment(s, c, new int[] {1, 2, 3, 4}, 0.1f).getFloat();
      assertTrue(Float.isFinite(l) && l > 0);
    }
  }
}
