package org.r2led.data.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.r2led.data.PreparedDatasetWriter;
import org.r2led.data.Split;

/**
 * The click protocol (Taobao; docs/data-formats.md, "Protocols"): targets are the events of the target behavior
 * ({@code pv}) inside the data window [window_start, window_end) with at least {@code click.warmup}
 * earlier behaviors; the history of a target is every behavior strictly before its timestamp
 * ({@code pos} = index of the user's first event with that timestamp). Each positive gets
 * {@code click.negatives} negative items drawn by popularity (event count over the whole input;
 * seeded per user; never the positive item; each carries its own primary category).
 *
 * <p>Time split by the target time: [test_start, window_end) → test, [valid_start, test_start) →
 * valid, earlier → train. Events outside the window stay in the sequences as history only.
 */
final class ClickProtocol implements SampleProtocol {
  private final long seed;
  private final int targetCode;
  private final String targetName;
  private final int warmup;
  private final int negatives;
  private final long windowStart;
  private final long windowEnd;
  private final long validStart;
  private final long testStart;
  private final PopularitySampler sampler;
  private final int[] itemPrimary;
  private long positives;
  private long negativeCount;
  private long skippedWarmup;
  private long outsideWindow;
  private long targetsOutsideWindow;

  /**
   * @param p resolved parameters (no {@code auto} left)
   * @param itemWeights popularity weight per dense item (index 0 unused)
   * @param itemPrimary primary category per dense item
   */
  ClickProtocol(ProtocolParams p, int targetCode, String targetName, long[] itemWeights, int[] itemPrimary) {
    this.seed = p.lng("seed");
    this.targetCode = targetCode;
    this.targetName = targetName;
    this.warmup = p.integer("click.warmup");
    this.negatives = p.integer("click.negatives");
    this.windowStart = p.lng("click.window_start");
    this.windowEnd = p.lng("click.window_end");
    this.validStart = p.lng("click.valid_start");
    this.testStart = p.lng("click.test_start");
    if (!(windowStart <= validStart && validStart <= testStart && testStart <= windowEnd)) {
      throw new IllegalArgumentException("click day boundaries must satisfy window_start <= valid_start <= test_start"
          + " <= window_end; got " + windowStart + ", " + validStart + ", " + testStart + ", " + windowEnd);
    }
    this.sampler = new PopularitySampler(itemWeights);
    this.itemPrimary = itemPrimary;
  }

  /** Start (Unix s) of the day containing {@code ts}, in a zone {@code offsetHours} east of UTC. */
  static long dayStart(long ts, int offsetHours) {
    long off = offsetHours * 3600L;
    return Math.floorDiv(ts + off, 86400L) * 86400L - off;
  }

  /**
   * Resolves the {@code auto} day boundaries from the earliest and latest event times: the window
   * spans whole days, test = its last day, valid = the day before, both clamped to the window start.
   */
  static ProtocolParams resolveWindow(ProtocolParams p, long minTs, long maxTs) {
    int off = p.integer("click.utc_offset_hours");
    if (p.isAuto("click.window_start")) p = p.resolve("click.window_start", dayStart(minTs, off));
    if (p.isAuto("click.window_end")) p = p.resolve("click.window_end", dayStart(maxTs, off) + 86400L);
    long start = p.lng("click.window_start");
    long end = p.lng("click.window_end");
    // auto days never start before the window (data spanning one or two days has no train/valid day)
    if (p.isAuto("click.test_start")) p = p.resolve("click.test_start", Math.max(start, end - 86400L));
    if (p.isAuto("click.valid_start")) p = p.resolve("click.valid_start", Math.max(start, p.lng("click.test_start") - 86400L));
    return p;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  @Override
  public int emit(SortedEvents ev, int u, PreparedDatasetWriter w) {
    SplittableRandom rnd = new SplittableRandom(mix(seed ^ mix(ev.userBase + u + 1L)));
    int s = ev.start[u];
    int n = ev.length(u);
    int runStart = 0;
    int emitted = 0;
    for (int k = 0; k < n; k++) {
      int e = s + k;
      long ts = ev.ts[e];
      if (k > 0 && ts != ev.ts[e - 1]) runStart = k;
      boolean inWindow = ts >= windowStart && ts < windowEnd;
      if (!inWindow) outsideWindow++;
      if (ev.behavior[e] != targetCode) continue;
      if (!inWindow) {
        targetsOutsideWindow++;
        continue;
      }
      if (runStart < warmup) {
        skippedWarmup++;
        continue;
      }
      Split split = ts >= testStart ? Split.TEST : ts >= validStart ? Split.VALID : Split.TRAIN;
      int item = ev.item[e];
      w.addSample(split, runStart, item, ev.category[e], 1, ts, Float.NaN);
      positives++;
      for (int j = 0; j < negatives; j++) {
        int neg = sampler.drawExcluding(rnd, item);
        w.addSample(split, runStart, neg, itemPrimary[neg], 0, ts, Float.NaN);
        negativeCount++;
      }
      emitted += 1 + negatives;
    }
    return emitted;
  }

  @Override
  public Map<String, Long> counts() {
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("click_positives", positives);
    c.put("click_negatives", negativeCount);
    c.put("targets_below_warmup", skippedWarmup);
    c.put("events_outside_window", outsideWindow);
    c.put("targets_outside_window", targetsOutsideWindow);
    return c;
  }

  @Override
  public void addCounts(Map<String, Long> c) {
    positives += c.getOrDefault("click_positives", 0L);
    negativeCount += c.getOrDefault("click_negatives", 0L);
    skippedWarmup += c.getOrDefault("targets_below_warmup", 0L);
    outsideWindow += c.getOrDefault("events_outside_window", 0L);
    targetsOutsideWindow += c.getOrDefault("targets_outside_window", 0L);
  }

  @Override
  public Map<String, Object> notes() {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("samples", "targets = '" + targetName + "' events in the window with >= " + warmup
        + " earlier behaviors; history = all behaviors strictly before the target time (pos = first index with the target's timestamp)");
    n.put("negatives", negatives + " per positive, drawn with probability proportional to the item's event count over"
        + " the whole input (all behaviors), never the positive item; seeded per user from 'seed'");
    n.put("split", "by target time: [" + iso(testStart) + ", " + iso(windowEnd) + ") -> test, [" + iso(validStart) + ", "
        + iso(testStart) + ") -> valid, [" + iso(windowStart) + ", " + iso(validStart) + ") -> train (UTC)");
    n.put("outside_window", outsideWindow + " events fall outside [window_start, window_end): they stay in the sequences"
        + " as history but are never targets");
    return n;
  }

  private static String iso(long ts) {
    return Instant.ofEpochSecond(ts).atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
  }
}
