package org.r2led.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.r2led.nn.Profile;
import org.r2led.serving.ModelManifest;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.UserHistory;

/**
 * Where one in-process scoring request of an exported model spends its time: a synthetic user of
 * {@code history} events drawn uniformly from the model's item vocabulary (as {@code bench serve}
 * posts them) scored against {@code candidates} random vocabulary items through
 * {@link ScoringModel#score}, on the calling thread. Each timed call records the {@link Profile}
 * sections of the scoring path (query mapping, history windows, retrieval, route statistics, token
 * batch, forward blocks, read-back); the result is the median per section over the timed calls, in
 * milliseconds per request (section {@code score}: the whole call, timers included), plus the median
 * and 90th percentile of as many calls again with recording off. Single-threaded by design (the
 * sections are process-wide); run it with one PyTorch intra-op thread to profile serving.
 */
public final class ScoringProfile {
  private ScoringProfile() {}

  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  /**
   * @param history events in the user's history (before the model's own window)
   * @param candidates candidates per request
   * @param calls timed calls (after {@code warmup} untimed ones)
   * @param medianMs median time of a whole {@code score} call, ms, by the {@link Profile} clock (wall or
   *     thread CPU time), from {@code calls} further calls with recording off (no timer overhead)
   * @param sections median per section, ms per request, in first-recorded order (a parent includes its children)
   */
  public record Result(int history, int candidates, int warmup, int calls, double medianMs, double p90Ms,
      Map<String, Double> sections) {}

  /** Profiles {@code model} on one synthetic user (seeded) for each call. */
  public static Result run(ScoringModel model, int history, int candidates, int warmup, int calls, long seed) {
    List<String> raw = rawItems(model.dir());
    SplittableRandom r = new SplittableRandom(seed);
    List<String> behaviors = model.manifest().behaviors();
    String[] items = new String[history];
    String[] types = behaviors.isEmpty() ? null : new String[history];
    long[] ts = new long[history];
    long t = 1_700_000_000L;
    for (int i = 0; i < history; i++) {
      items[i] = raw.get(r.nextInt(raw.size()));
      if (types != null) types[i] = behaviors.get(r.nextInt(behaviors.size()));
      t += 1 + r.nextInt(3600);
      ts[i] = t;
    }
    UserHistory h = new UserHistory(items, ts, types, null);
    List<String> cands = new ArrayList<>(candidates);
    for (int j = 0; j < candidates; j++) cands.add(raw.get(r.nextInt(raw.size())));
    boolean was = Profile.enabled();
    try {
      Profile.enable(false);
      for (int i = 0; i < warmup; i++) model.score(h, cands);
      Map<String, double[]> per = Profile.perCall(calls, "score", () -> model.score(h, cands));
      Map<String, Double> med = new LinkedHashMap<>();
      for (Map.Entry<String, double[]> e : per.entrySet()) med.put(e.getKey(), quantile(e.getValue(), 0.5));
      Profile.enable(false);
      double[] total = new double[calls];
      for (int c = 0; c < calls; c++) {
        long t0 = Profile.cpuClock() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
        model.score(h, cands);
        total[c] = ((Profile.cpuClock() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime()) - t0) / 1e6;
      }
      return new Result(history, candidates, warmup, calls, quantile(total, 0.5), quantile(total, 0.9), med);
    } finally {
      Profile.reset();
      Profile.enable(was);
    }
  }

  private static double quantile(double[] v, double q) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.floor(q * s.length))];
  }

  private static List<String> rawItems(Path dir) {
    try {
      return Files.readAllLines(dir.resolve(ModelManifest.ITEM_RAW_IDS), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(ModelManifest.ITEM_RAW_IDS), e);
    }
  }
}
