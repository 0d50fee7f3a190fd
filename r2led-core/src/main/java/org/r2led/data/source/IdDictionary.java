package org.r2led.data.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps source ids (strings) to provisional ints in first-seen order, and later to dense ids in a
 * deterministic order that does not depend on the order of the input rows ({@link #denseIds}).
 */
public final class IdDictionary implements java.io.Serializable {
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> raw = new ArrayList<>();

  /** Provisional id of {@code key}, adding it when new. */
  public int intern(String key) {
    Integer id = ids.get(key);
    if (id != null) return id;
    int n = raw.size();
    ids.put(key, n);
    raw.add(key);
    return n;
  }

  /** Provisional id of {@code key}, or -1 when unknown. */
  public int find(String key) {
    Integer id = ids.get(key);
    return id == null ? -1 : id;
  }

  public int size() { return raw.size(); }

  /** Source id of a provisional id. */
  public String raw(int provisional) { return raw.get(provisional); }

  /**
   * Dense ids: {@code result[provisional] = base + rank}, ranking keys by {@code order}.
   */
  public int[] denseIds(Comparator<String> order, int base) {
    Integer[] idx = new Integer[raw.size()];
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    Arrays.sort(idx, (a, b) -> order.compare(raw.get(a), raw.get(b)));
    int[] dense = new int[idx.length];
    for (int r = 0; r < idx.length; r++) dense[idx[r]] = base + r;
    return dense;
  }

  /**
   * Dense ids in {@link #naturalOrder()} of the keys: numeric when every key is an integer, else
   * lexicographic.
   */
  public int[] denseIds(int base) {
    if (!allIntegers()) return denseIds(Comparator.naturalOrder(), base);
    long[] keys = new long[raw.size()];
    for (int i = 0; i < keys.length; i++) keys[i] = Long.parseLong(raw.get(i));
    Integer[] idx = new Integer[keys.length];
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    Arrays.sort(idx, (a, b) -> {
      int c = Long.compare(keys[a], keys[b]);
      return c != 0 ? c : raw.get(a).compareTo(raw.get(b));
    });
    int[] dense = new int[idx.length];
    for (int r = 0; r < idx.length; r++) dense[idx[r]] = base + r;
    return dense;
  }

  /** Source ids listed in dense order: {@code result[dense - base]}. */
  public List<String> inDenseOrder(int[] dense, int base) {
    String[] out = new String[raw.size()];
    for (int p = 0; p < out.length; p++) out[dense[p] - base] = raw.get(p);
    return Arrays.asList(out);
  }

  /** Numeric order when every key is an integer, else lexicographic (UTF-16) order. */
  public Comparator<String> naturalOrder() {
    if (!allIntegers()) return Comparator.naturalOrder();
    return Comparator.<String>comparingLong(Long::parseLong).thenComparing(Comparator.naturalOrder());
  }

  private boolean allIntegers() {
    if (raw.isEmpty()) return false;
    for (String s : raw) if (!isInteger(s)) return false;
    return true;
  }

  static boolean isInteger(String s) {
    if (s.isEmpty() || s.length() > 18) return false;
    int i = s.charAt(0) == '-' ? 1 : 0;
    if (i == s.length()) return false;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }
}
