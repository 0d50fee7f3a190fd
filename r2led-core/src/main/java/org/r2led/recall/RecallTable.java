package org.r2led.recall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.r2led.io.AtomicFiles;
import org.r2led.io.Json;

/**
 * Summary of finished retrieval runs {@code ROOT/<dataset>/<model>-s<seed>/retrieval.json}: test
 * metrics per (dataset, model), mean ± std over seeds, as Markdown ({@code ROOT/results.md}) and CSV
 * ({@code ROOT/results.csv}).
 */
public final class RecallTable {
  private RecallTable() {}

  private static final String[] METRICS = {"hr@10", "hr@50", "hr@200", "ndcg@10", "ndcg@50", "ndcg@200",
      "latency_mean_ms", "latency_p99_ms"};

  /** Writes and returns the Markdown table. */
  public static String summarize(Path root) {
    Map<String, Map<String, List<Map<String, Object>>>> byDs = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root, 3)) {
      for (Path f : s.filter(p -> p.getFileName().toString().equals(RecallRun.INFO)).sorted().toList()) {
        RecallRun.Info info = Json.read(f, RecallRun.Info.class);
        String ds = f.getParent().getParent().getFileName().toString();
        byDs.computeIfAbsent(ds, k -> new TreeMap<>()).computeIfAbsent(info.model(), k -> new ArrayList<>()).add(info.test());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read runs under " + root, e);
    }
    if (byDs.isEmpty()) throw new IllegalArgumentException("no finished retrieval runs (" + RecallRun.INFO + ") under " + root);
    StringBuilder md = new StringBuilder();
    StringBuilder csv = new StringBuilder("dataset,model,seeds");
    for (String m : METRICS) csv.append(',').append(m).append(',').append(m).append("_std");
    csv.append('\n');
    for (var d : byDs.entrySet()) {
      md.append("\n### ").append(d.getKey()).append(" (test, full catalog, mean ± std over seeds)\n\n");
      md.append("| model | seeds | HR@10 | HR@50 | HR@200 | NDCG@10 | NDCG@50 | NDCG@200 | ms/user mean | ms/user p99 |\n");
      md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (var m : d.getValue().entrySet()) {
        List<Map<String, Object>> runs = m.getValue();
        md.append("| ").append(m.getKey()).append(" | ").append(runs.size());
        csv.append(d.getKey()).append(',').append(m.getKey()).append(',').append(runs.size());
        for (String k : METRICS) {
          double[] v = runs.stream().mapToDouble(r -> ((Number) r.get(k)).doubleValue()).toArray();
          double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
          double std = v.length < 2 ? 0 : Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
          boolean ms = k.startsWith("latency");
          md.append(" | ").append(String.format(Locale.ROOT, ms ? "%.2f" : "%.4f", mean));
          if (!ms && v.length > 1) md.append(String.format(Locale.ROOT, " ± %.4f", std));
          csv.append(String.format(Locale.ROOT, ",%.6f,%.6f", mean, std));
        }
        md.append(" |\n");
        csv.append('\n');
      }
    }
    try {
      AtomicFiles.write(root.resolve("results.md"), md.toString().getBytes(StandardCharsets.UTF_8));
      AtomicFiles.write(root.resolve("results.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results under " + root, e);
    }
    return md.toString();
  }
}
