package org.r2led.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.r2led.io.Json;

/**
 * Aggregates finished training runs into a comparison table: mean ± sample standard deviation of the
 * test AUC, LogLoss and GAUC (and training samples/s) over the runs of each group.
 *
 * <p>A run is a directory with a {@code metrics.json}; its group is the path of its parent directory
 * relative to the root (e.g. {@code ROOT/din/seed1} and {@code ROOT/din/seed2} form group {@code din}).
 */
public final class RunSummary {
  private RunSummary() {}

  /** One group's statistics. {@code n} runs; metric arrays are {mean, std}. */
  public record Group(String name, int n, double[] auc, double[] logloss, double[] gauc, double[] samplesPerSecond,
      double[] validAuc) {}

  /** Finds every {@code metrics.json} under {@code root} and aggregates by group, sorted by name. */
  public static List<Group> collect(Path root) {
    Map<String, List<JsonNode>> groups = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path m : (Iterable<Path>) files.filter(p -> p.getFileName().toString().equals("metrics.json"))::iterator) {
        Path runDir = m.getParent();
        Path parent = runDir.getParent();
        String name = parent == null || parent.equals(root) ? runDir.getFileName().toString()
            : root.relativize(parent).toString();
        groups.computeIfAbsent(name, k -> new ArrayList<>()).add(Json.read(m, JsonNode.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot scan " + root, e);
    }
    if (groups.isEmpty()) throw new IllegalArgumentException("no metrics.json found under " + root);
    List<Group> out = new ArrayList<>();
    for (Map.Entry<String, List<JsonNode>> e : groups.entrySet()) {
      List<JsonNode> runs = e.getValue();
      out.add(new Group(e.getKey(), runs.size(), stat(runs, "test", "auc"), stat(runs, "test", "logloss"),
          stat(runs, "test", "gauc"), stat(runs, null, "train_samples_per_s"), stat(runs, "valid", "auc")));
    }
    return out;
  }

  /** Mean and sample standard deviation (0 for a single value) of a metric over runs. */
  static double[] stat(List<JsonNode> runs, String section, String key) {
    double[] v = new double[runs.size()];
    for (int i = 0; i < v.length; i++) {
      JsonNode n = section == null ? runs.get(i) : runs.get(i).path(section);
      JsonNode x = n.get(key);
      if (x == null || !x.isNumber()) {
        throw new IllegalArgumentException("metrics.json lacks " + (section == null ? "" : section + ".") + key);
      }
      v[i] = x.asDouble();
    }
    return meanStd(v);
  }

  /** {mean, sample std} of {@code v} (std 0 when fewer than two values). */
  public static double[] meanStd(double[] v) {
    double mean = 0;
    for (double x : v) mean += x;
    mean /= v.length;
    double ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    double std = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
    return new double[] {mean, std};
  }

  /** Renders the groups as a Markdown table. */
  /** The first line of the table. */
  public static final String TABLE_HEADER = "| group | runs | valid AUC | test AUC | test LogLoss | test GAUC | train samples/s |";

  public static String toMarkdown(List<Group> groups) {
    StringBuilder sb = new StringBuilder();
    sb.append(TABLE_HEADER).append('\n');
    sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Group g : groups) {
      sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %,.0f |%n", g.name(), g.n(),
          pm(g.validAuc()), pm(g.auc()), pm(g.logloss()), pm(g.gauc()), g.samplesPerSecond()[0]));
    }
    return sb.toString();
  }

  private static String pm(double[] ms) {
    return String.format(Locale.ROOT, "%.4f ± %.4f", ms[0], ms[1]);
  }
}
