package org.r2led.nextitem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.r2led.io.Progress;

class TargetSliceTest {
  private static UserSequence seq(int user, int... items) {
    return new UserSequence(user, items, new int[items.length], new long[items.length]);
  }

  @Test
  void targetInHistoryLooksAtEarlierPositionsOnly() {
    UserSequence s = seq(0, 3, 5, 3, 7, 7);
    assertFalse(new NextItemExample(s, 1).targetInHistory()); // 5 after [3]
    assertTrue(new NextItemExample(s, 2).targetInHistory()); // 3 after [3, 5]
    assertFalse(new NextItemExample(s, 3).targetInHistory()); // 7 after [3, 5, 3]: the 7 at position 4 is later
    assertTrue(new NextItemExample(s, 4).targetInHistory());
  }

  @Test
  void slicesPartitionTheExamplesAndTheirMetricsAddUp() {
    List<NextItemExample> all = new ArrayList<>();
    int[][] users = {{1, 2, 1}, {4, 5, 6}, {2, 2, 3, 2}, {1, 3, 1}, {3, 4, 5}};
    for (int u = 0; u < users.length; u++) all.add(new NextItemExample(seq(u, users[u]), users[u].length - 1));
    List<NextItemExample> repeat = TargetSlice.REPEAT.select(all);
    List<NextItemExample> fresh = TargetSlice.NEW.select(all);
    assertSame(all, TargetSlice.ALL.select(all));
    assertEquals(List.of(0, 2, 3), repeat.stream().map(NextItemExample::user).toList());
    assertEquals(List.of(1, 4), fresh.stream().map(NextItemExample::user).toList());
    // a scorer that ranks the history's last item first, then items by id: repeats of the last item rank 0
    NextItemScorer lastFirst = ex -> {
      float[] s = new float[8];
      for (int i = 1; i < s.length; i++) s[i] = -i;
      s[ex.sequence().item(ex.position() - 1)] = 100;
      return s;
    };
    RankingReport a = NextItemEvaluator.fullCatalog(all, lastFirst, Progress.silent(), 1, 5);
    RankingReport r = NextItemEvaluator.fullCatalog(repeat, lastFirst, Progress.silent(), 1, 5);
    RankingReport n = NextItemEvaluator.fullCatalog(fresh, lastFirst, Progress.silent(), 1, 5);
    // repeats: users 0 and 3 rank 1 (behind the last item), user 2 rank 2 (behind 3 and 1)
    assertEquals(0.0, r.hr(1), 1e-12);
    assertEquals(1.0, r.hr(5), 1e-12);
    for (int k : new int[] {1, 5}) {
      assertEquals(a.ndcg(k) * a.users(), r.ndcg(k) * r.users() + n.ndcg(k) * n.users(), 1e-12);
      assertEquals(a.hr(k) * a.users(), r.hr(k) * r.users() + n.hr(k) * n.users(), 1e-12);
    }
  }

  @Test
  void parseNamesTheOptionAndTheValues() {
    assertEquals(TargetSlice.REPEAT, TargetSlice.parse("--targets", "Repeat"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetSlice.parse("--targets", "old"));
    assertTrue(e.getMessage().startsWith("--targets old: expected all, repeat"), e.getMessage());
  }
}
