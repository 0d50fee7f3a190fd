package org.r2led.data.protocol;

/** Stable merge sort of a range of an {@code int[]} (indices) under a primitive comparator, without boxing. */
final class IntSort {
  private IntSort() {}

  @FunctionalInterface
  interface IntComparator {
    int compare(int a, int b);
  }

  /** Sorts {@code a[from, to)} stably by {@code cmp}; {@code tmp} must be at least as long as {@code a}. */
  static void sort(int[] a, int from, int to, IntComparator cmp, int[] tmp) {
    if (to - from < 2) return;
    if (to - from <= 16) {
      for (int i = from + 1; i < to; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= from && cmp.compare(a[j], v) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    sort(a, from, mid, cmp, tmp);
    sort(a, mid, to, cmp, tmp);
    if (cmp.compare(a[mid - 1], a[mid]) <= 0) return;
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from, j = mid, k = from;
    while (i < mid && j < to) a[k++] = cmp.compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
    while (i < mid) a[k++] = tmp[i++];
    while (j < to) a[k++] = tmp[j++];
  }
}
