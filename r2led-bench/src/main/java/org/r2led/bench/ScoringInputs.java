package org.r2led.bench;

import java.util.SplittableRandom;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.model.History;
import org.r2led.model.HistorySamples;
import org.r2led.model.SplitSamples;

/**
 * Inputs of the scoring timings, drawn from the dataset with a fixed seed: a typical history (the
 * test sample whose history length is the median of the test split) and synthetic histories of a
 * given length (events drawn from the dataset's event log), each with C candidate targets drawn
 * from the test split's targets (or from all items when there is no test split).
 */
public final class ScoringInputs {
  private ScoringInputs() {}

  private static final long SEED = 20_240_607L;

  /** The history of the test sample of median history length, with {@code candidates} candidates. */
  public static HistorySamples.Query typical(PreparedDataset ds, int candidates) {
    SampleSplit test = ds.split(Split.TEST);
    if (test.size() == 0) throw new IllegalArgumentException("dataset " + ds.dir() + " has no test samples to draw a history from");
    int[] pos = new int[test.size()];
    for (int i = 0; i < pos.length; i++) pos[i] = test.pos(i);
    int[] sorted = pos.clone();
    java.util.Arrays.sort(sorted);
    int median = sorted[(sorted.length - 1) / 2];
    int chosen = 0;
    for (int i = 0; i < pos.length; i++) {
      if (pos[i] == median) {
        chosen = i;
        break;
      }
    }
    History h = new History();
    SplitSamples.range(test, chosen, chosen + 1).history(0, Integer.MAX_VALUE, h);
    return withCandidates(ds, h, test.ts(chosen), candidates, test.item(chosen), test.category(chosen));
  }

  /** A synthetic history of exactly {@code length} events drawn from the event log, with {@code candidates} candidates. */
  public static HistorySamples.Query synthetic(PreparedDataset ds, int length, int candidates) {
    long events = ds.numEvents();
    if (events == 0) throw new IllegalArgumentException("dataset " + ds.dir() + " has no events");
    SplittableRandom r = new SplittableRandom(SEED + length);
    int[] items = new int[length];
    int[] cats = new int[length];
    int[] behs = new int[length];
    long[] ts = new long[length];
    long now = 1_700_000_000L;
    long t = now;
    for (int i = length - 1; i >= 0; i--) {
      long e = r.nextLong(events);
      items[i] = ds.eventItem(e);
      cats[i] = ds.eventCategory(e);
      behs[i] = ds.eventBehavior(e);
      t -= 1 + r.nextInt(3600);
      ts[i] = t;
    }
    History h = new History().set(items, cats, behs, ts, length);
    return withCandidates(ds, h, now, candidates, 0, 0);
  }

  /** {@code c} candidates: {@code firstItem} first when given (> 0), then targets drawn from the test split or all items. */
  private static HistorySamples.Query withCandidates(PreparedDataset ds, History h, long ts, int c, int firstItem, int firstCat) {
    SampleSplit test = ds.split(Split.TEST);
    SplittableRandom r = new SplittableRandom(SEED);
    int[] items = new int[c];
    int[] cats = new int[c];
    for (int j = 0; j < c; j++) {
      if (j == 0 && firstItem > 0) {
        items[j] = firstItem;
        cats[j] = firstCat;
      } else if (test.size() > 0) {
        int i = r.nextInt(test.size());
        items[j] = test.item(i);
        cats[j] = test.category(i);
      } else {
        items[j] = 1 + r.nextInt(ds.numItems());
        cats[j] = ds.itemCategory(items[j]);
      }
    }
    return HistorySamples.Query.of(h, items, cats, ts);
  }
}
