package org.r2led.retrieval;

import java.util.Arrays;

/**
 * Top-k selection over a slice of int or float scores with recency tie-break: among equal scores
 * the larger index (the more recent behaviour) wins. Output indices are relative to the slice start
 * and written in increasing (chronological) order. O(n log k) with a binary heap; no boxing.
 *
 * <p>An instance keeps its heap buffer between calls: not thread-safe, use one per thread.
 */
public final class TopK {
  private int[] heap = new int[16];

  /**
   * Indices of the {@code k} largest {@code scores[from .. from+len)} (ties → larger index).
   *
   * @param out receives {@code min(k, len)} indices relative to {@code from}, increasing
   * @return the number of indices written
   */
  public int largest(float[] scores, int from, int len, int k, int[] out) {
    int c = prepare(from, len, k, scores.length, out);
    int[] h = heap;
    int size = 0;
    for (int i = 0; i < len; i++) {
      float v = scores[from + i];
      if (v != v) throw new IllegalArgumentException("score at index " + (from + i) + " is NaN");
      if (size < c) {
        // sift up: parent is worse-or-equal than child (min-heap by (score, index))
        int j = size++;
        while (j > 0) {
          int parent = (j - 1) >>> 1;
          int q = h[parent];
          if (scores[from + q] <= v) break; // q is worse (lower score, or equal and older)
          h[j] = q;
          j = parent;
        }
        h[j] = i;
      } else if (c > 0 && v >= scores[from + h[0]]) { // equal score: i is more recent than the root
        siftDown(scores, from, h, size, i, v);
      }
    }
    return finish(h, c, out);
  }

  /** As {@link #largest(float[], int, int, int, int[])} for int scores. */
  public int largest(int[] scores, int from, int len, int k, int[] out) {
    int c = prepare(from, len, k, scores.length, out);
    int[] h = heap;
    int size = 0;
    for (int i = 0; i < len; i++) {
      int v = scores[from + i];
      if (size < c) {
        int j = size++;
        while (j > 0) {
          int parent = (j - 1) >>> 1;
          int q = h[parent];
          if (scores[from + q] <= v) break;
          h[j] = q;
          j = parent;
        }
        h[j] = i;
      } else if (c > 0 && v >= scores[from + h[0]]) {
        siftDown(scores, from, h, size, i, v);
      }
    }
    return finish(h, c, out);
  }

  private int prepare(int from, int len, int k, int arrayLength, int[] out) {
    if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
    if (from < 0 || len < 0 || from + len > arrayLength) {
      throw new IndexOutOfBoundsException("slice [" + from + ", " + (from + len) + ") outside an array of length "
          + arrayLength);
    }
    int c = Math.min(k, len);
    if (out.length < c) throw new IllegalArgumentException("output holds " + out.length + " indices; need " + c);
    if (heap.length < c) heap = new int[Math.max(c, heap.length * 2)];
    return c;
  }

  /** Replaces the root (the worst kept) by index i with score v and restores the heap. */
  private static void siftDown(float[] s, int from, int[] h, int size, int i, float v) {
    int j = 0;
    while (true) {
      int l = 2 * j + 1;
      if (l >= size) break;
      int r = l + 1;
      int w = l;
      if (r < size && worse(s[from + h[r]], h[r], s[from + h[l]], h[l])) w = r;
      if (!worse(s[from + h[w]], h[w], v, i)) break;
      h[j] = h[w];
      j = w;
    }
    h[j] = i;
  }

  private static void siftDown(int[] s, int from, int[] h, int size, int i, int v) {
    int j = 0;
    while (true) {
      int l = 2 * j + 1;
      if (l >= size) break;
      int r = l + 1;
      int w = l;
      if (r < size && worse(s[from + h[r]], h[r], s[from + h[l]], h[l])) w = r;
      if (!worse(s[from + h[w]], h[w], v, i)) break;
      h[j] = h[w];
      j = w;
    }
    h[j] = i;
  }

  private static boolean worse(float a, int ia, float b, int ib) {
    return a < b || (a == b && ia < ib);
  }

  private static boolean worse(int a, int ia, int b, int ib) {
    return a < b || (a == b && ia < ib);
  }

  private static int finish(int[] h, int c, int[] out) {
    System.arraycopy(h, 0, out, 0, c);
    Arrays.sort(out, 0, c);
    return c;
  }
}
