package org.r2led.bench.recall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.r2led.bench.BenchCharts;
import org.r2led.bench.ResultsCsv;
import org.r2led.io.Json;
import org.r2led.io.ToolFile;
import org.r2led.recall.RecallModels;
import org.r2led.recall.RecallRun;
import org.r2led.train.Convergence;

/**
 * Summary of finished retrieval runs {@code ROOT/<dataset>/<model>-s<seed>/retrieval.json}: test
 * metrics per (dataset, model), mean ± std over seeds, as Markdown ({@code ROOT/results.md}) and CSV
 * ({@code ROOT/results.csv}), and per dataset a bar chart of test HR@50 per model
 * ({@code ROOT/hr50_<dataset>.png}). Models are listed in {@link RecallModels#all()} order.
 *
 * <p>{@code ROOT} is the user's folder of runs, not an output of its own: each of these files is
 * written atomically and replaces only a file this command wrote ({@link ToolFile}: the Markdown
 * header line, the CSV column line, the chart's tag); if any is the user's, nothing is written.
 */
public final class RecallTable {
  private RecallTable() {}

  private static final String[] METRICS = {"hr@10", "hr@50", "hr@200", "ndcg@10", "ndcg@50", "ndcg@200",
      "latency_mean_ms", "latency_p99_ms"};

  /** The command, as named in the Markdown header line. */
  private static final String COMMAND = "retrieve summarize";

  /** Each dataset's heading ends with this (the first line of files written before the header line). */
  private static final String TITLE = " (test, full catalog, mean ± std over seeds)\n";

  /** Chart file of a dataset's test HR@50 per model. */
  public static String chartName(String dataset) { return "hr50_" + dataset + ".png"; }

  private static final List<String> KNOWN = List.copyOf(RecallModels.all().keySet());

  /** Known models in registry order, then any other name alphabetically. */
  private static final Comparator<String> MODEL_ORDER = Comparator
      .comparingInt((String m) -> KNOWN.contains(m) ? KNOWN.indexOf(m) : KNOWN.size())
      .thenComparing(Comparator.naturalOrder());

  /** Mean and sample std (0 for one value). */
  private record MeanStd(double mean, double std) {
    static MeanStd of(List<RecallRun.Info> runs, String key) {
      double[] v = runs.stream().mapToDouble(r -> ((Number) r.test().get(key)).doubleValue()).toArray();
      double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
      double std = v.length < 2 ? 0 : Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
      return new MeanStd(mean, std);
    }
  }

  /** Writes the table files and charts; returns the Markdown table. */
  public static String summarize(Path root) {
    Map<String, Map<String, List<RecallRun.Info>>> byDs = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root, 3)) {
      for (Path f : s.filter(p -> p.getFileName().toString().equals(RecallRun.INFO)).sorted().toList()) {
        RecallRun.Info info = Json.read(f, RecallRun.Info.class);
        String ds = f.getParent().getParent().getFileName().toString();
        byDs.computeIfAbsent(ds, k -> new TreeMap<>(MODEL_ORDER)).computeIfAbsent(info.model(), k -> new ArrayList<>()).add(info);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read runs under " + root, e);
    }
    if (byDs.isEmpty()) throw new IllegalArgumentException("no finished retrieval runs (" + RecallRun.INFO + ") under " + root);
    StringBuilder md = new StringBuilder();
    StringBuilder csvHeader = new StringBuilder("dataset,model,seeds");
    for (String m : METRICS) csvHeader.append(',').append(m).append(',').append(m).append("_std");
    String legacyHeader = csvHeader.toString();  // before the convergence columns
    csvHeader.append(",best_last_epoch,capped_seeds");
    StringBuilder csv = new StringBuilder(csvHeader).append('\n');
    ToolFile mdFile = ToolFile.markdown(root.resolve("results.md"), COMMAND, h -> h.startsWith("\n### ") && h.contains(TITLE));
    ToolFile csvFile = ToolFile.text(root.resolve("results.csv"), "r2led's begins with the line " + csvHeader,
        h -> h.startsWith(csvHeader + "\n") || h.startsWith(legacyHeader + "\n"));
    List<ToolFile> files = new ArrayList<>(List.of(mdFile, csvFile));
    for (String ds : byDs.keySet()) files.add(ToolFile.png(root.resolve(chartName(ds))));
    ToolFile.check(files);
    for (var d : byDs.entrySet()) {
      md.append("\n### ").append(d.getKey()).append(TITLE).append('\n');
      md.append("| model | seeds | HR@10 | HR@50 | HR@200 | NDCG@10 | NDCG@50 | NDCG@200 | ms/user mean | ms/user p99 | ")
          .append(Convergence.HEADING).append(" |\n");
      md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
      List<Convergence> trained = new ArrayList<>();
      for (var m : d.getValue().entrySet()) {
        List<RecallRun.Info> runs = m.getValue();
        List<Convergence> conv = runs.stream().map(RecallRun.Info::convergence).toList();
        boolean neural = runs.stream().anyMatch(r -> !r.epochs().isEmpty());
        if (neural) trained.addAll(conv);
        md.append("| ").append(m.getKey()).append(" | ").append(runs.size());
        csv.append(d.getKey()).append(',').append(m.getKey()).append(',').append(runs.size());
        for (String k : METRICS) {
          MeanStd v = MeanStd.of(runs, k);
          boolean ms = k.startsWith("latency");
          md.append(" | ").append(String.format(Locale.ROOT, ms ? "%.2f" : "%.4f", v.mean()));
          if (!ms && runs.size() > 1) md.append(String.format(Locale.ROOT, " ± %.4f", v.std()));
          csv.append(String.format(Locale.ROOT, ",%.6f,%.6f", v.mean(), v.std()));
        }
        md.append(" | ").append(neural ? Convergence.column(conv) : "—").append(" |\n");
        csv.append(',').append(ResultsCsv.quote(neural ? Convergence.column(conv) : "")).append(',')
            .append(neural ? Convergence.capped(conv) : 0).append('\n');
      }
      if (!trained.isEmpty()) md.append('\n').append(Convergence.note(trained));
    }
    mdFile.write((ToolFile.markdownHeader(COMMAND) + "\n" + md).getBytes(StandardCharsets.UTF_8));
    csvFile.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    try {
      for (var d : byDs.entrySet()) {
        List<String> labels = new ArrayList<>();
        double[] mean = new double[d.getValue().size()];
        double[] std = new double[mean.length];
        for (var m : d.getValue().entrySet()) {
          MeanStd v = MeanStd.of(m.getValue(), "hr@50");
          mean[labels.size()] = v.mean();
          std[labels.size()] = v.std();
          labels.add(m.getKey() + " (" + m.getValue().size() + ")");
        }
        byte[] png = BenchCharts.meanStdBars(d.getKey() + ": test HR@50, full catalog (mean ± std over the (n) seeds)",
            "test HR@50", labels, mean, std);
        if (png != null) ToolFile.png(root.resolve(chartName(d.getKey()))).write(png);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results under " + root, e);
    }
    return md.toString();
  }
}
