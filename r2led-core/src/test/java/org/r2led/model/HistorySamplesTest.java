package org.r2led.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistorySamplesTest {
  private static HistorySamples.Query query(int user, int[] targets, long ts) {
    return new HistorySamples.Query(user, new int[] {5, 6, 7, 8}, new int[] {1, 1, 2, 2}, new int[] {1, 1, 1, 2},
        new long[] {10, 20, 30, 40}, targets, new int[targets.length], ts);
  }

  @Test
  void everyTargetGetsTheMostRecentWindowOfItsOwnHistory() {
    HistorySamples.Query empty = new HistorySamples.Query(-1, new int[0], new int[0], new int[0], new long[0], new int[] {4},
        new int[] {3}, 99);
    HistorySamples src = new HistorySamples(List.of(query(7, new int[] {3, 9}, 50), empty));
    assertEquals(3, src.size());
    History w = new History();
    src.history(1, 2, w);
    assertEquals(2, w.length());
    assertArrayEquals(new int[] {7, 8}, Arrays.copyOf(w.items(), 2));
    assertArrayEquals(new int[] {1, 2}, Arrays.copyOf(w.behaviors(), 2));
    assertArrayEquals(new long[] {30, 40}, Arrays.copyOf(w.timestamps(), 2));
    assertEquals(9, src.item(1));
    assertEquals(7, src.user(1));
    assertEquals(50, src.ts(0));
    src.history(2, 10, w);
    assertEquals(0, w.length());
    assertEquals(4, src.item(2));
    assertEquals(3, src.category(2));
    assertEquals(-1, src.user(2));
    assertEquals(0f, src.label(2));
    HistorySamples.Query q = query(7, new int[] {3, 9}, 50).first(1);
    assertEquals(1, q.targets().length);
    assertEquals(4, q.length());
  }

  @Test
  void unorderedHistoriesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HistorySamples.Query(-1, new int[] {1, 2},
        new int[2], new int[2], new long[] {20, 10}, new int[] {1}, new int[1], 30));
    assertTrue(e.getMessage().contains("non-decreasing"), e.getMessage());
  }
}
