package org.r2led.bench;

import java.util.Arrays;
import org.r2led.model.History;
import org.r2led.model.SampleSource;

/**
 * One user's history and C candidate targets sharing it, as a {@link SampleSource}: what a serving
 * request scores (one history read from the store, the candidates of the request in one batch).
 * User and sample ids are unknown (-1), labels 0.
 */
public final class CandidateSource implements SampleSource {
  private final int[] hItems;
  private final int[] hCats;
  private final int[] hBehs;
  private final long[] hTs;
  private final int[] items;
  private final int[] cats;
  private final long ts;

  /**
   * @param history the history, oldest first (copied)
   * @param items candidate item ids
   * @param categories their categories
   * @param ts request time (Unix seconds), after every history event
   */
  public CandidateSource(History history, int[] items, int[] categories, long ts) {
    if (items.length != categories.length) throw new IllegalArgumentException("items and categories differ in length");
    if (items.length == 0) throw new IllegalArgumentException("no candidates");
    int n = history.length();
    this.hItems = Arrays.copyOf(history.items(), n);
    this.hCats = Arrays.copyOf(history.categories(), n);
    this.hBehs = Arrays.copyOf(history.behaviors(), n);
    this.hTs = Arrays.copyOf(history.timestamps(), n);
    this.items = items.clone();
    this.cats = categories.clone();
    this.ts = ts;
  }

  /** The same history with only the first {@code c} candidates. */
  public CandidateSource first(int c) {
    if (c < 1 || c > items.length) throw new IllegalArgumentException("cannot take " + c + " of " + items.length + " candidates");
    History h = new History().set(hItems, hCats, hBehs, hTs, hItems.length);
    return new CandidateSource(h, Arrays.copyOf(items, c), Arrays.copyOf(cats, c), ts);
  }

  /** Events in the history. */
  public int historyLength() { return hItems.length; }

  @Override
  public int size() { return items.length; }

  @Override
  public int sampleId(int j) { return -1; }

  @Override
  public int user(int j) { return -1; }

  @Override
  public float label(int j) { return 0f; }

  @Override
  public int item(int j) { return items[j]; }

  @Override
  public int category(int j) { return cats[j]; }

  @Override
  public long ts(int j) { return ts; }

  @Override
  public void history(int j, int window, History into) {
    int len = Math.min(window, hItems.length);
    int from = hItems.length - len;
    into.resize(len);
    System.arraycopy(hItems, from, into.items(), 0, len);
    System.arraycopy(hCats, from, into.categories(), 0, len);
    System.arraycopy(hBehs, from, into.behaviors(), 0, len);
    System.arraycopy(hTs, from, into.timestamps(), 0, len);
  }
}
