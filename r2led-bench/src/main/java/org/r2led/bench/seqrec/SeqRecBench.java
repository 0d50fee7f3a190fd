package org.r2led.bench.seqrec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.r2led.config.Config;
import org.r2led.io.AtomicFiles;
import org.r2led.io.InPlaceDir;
import org.r2led.io.Json;
import org.r2led.io.StagedDir;
import org.r2led.seqrec.SeqRecKeys;
import org.r2led.seqrec.SeqRecMetrics;
import org.r2led.seqrec.SeqRecResult;
import org.r2led.seqrec.SeqRecRunFiles;
import org.r2led.seqrec.SeqRecTrainer;
import org.r2led.train.Convergence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code seqrec bench}: every (backbone, variant, seed) run on one dataset under the same settings, into
 * {@code OUT/runs/<backbone>-<variant>/seed<k>} (a finished run, one with {@code metrics.json}, is reused, so
 * an interrupted bench resumes), then {@code results.md}, {@code results.csv} and {@code results.json}:
 * mean ± std over seeds of test HR@K and NDCG@K (K = 5, 10, 20) under both candidate protocols, each table
 * naming its protocol, and per backbone the DMESR − plain NDCG@10 difference.
 *
 * <p>{@code OUT} is of kind {@link #KIND}, written in place under its lock ({@link InPlaceDir}): a
 * non-empty folder that is not a seqrec bench, or one holding a file of one of these names that the
 * bench did not write, is refused before anything is written; nothing else in it is touched.
 */
public final class SeqRecBench {
  private static final Logger LOG = LoggerFactory.getLogger(SeqRecBench.class);
  private SeqRecBench() {}

  private static final String MARKDOWN = "results.md";
  private static final String CSV = "results.csv";
  private static final String JSON = "results.json";

  /** The entries a bench writes into {@code OUT}. */
  private static final List<String> OWN = List.of(MARKDOWN, CSV, JSON, "runs");

  /**
   * The output kind of {@code seqrec bench}; a bench of an earlier version (unmarked) is recognised by
   * its {@code runs/} directory and nothing but the result files (and dot files) beside it.
   */
  public static final StagedDir.Kind KIND = new StagedDir.Kind("seqrec-bench", dir -> {
    try (Stream<Path> s = Files.list(dir)) {
      return Files.isDirectory(dir.resolve("runs"))
          && s.map(p -> p.getFileName().toString()).allMatch(n -> n.startsWith(".") || OWN.contains(n));
    } catch (IOException e) {
      return false;
    }
  });

  /** A variant: a name and the settings it adds. */
  public record Variant(String name, List<String> settings) {
    public Variant {
      settings = List.copyOf(settings);
    }
  }

  /** The variants by name: plain, dmesr, dmesr_no_alignment, dmesr_no_fusion. */
  public static Variant variant(String name) {
    return switch (name) {
      case "plain" -> new Variant(name, List.of("enhance=none"));
      case "dmesr" -> new Variant(name, List.of("enhance=dmesr"));
      case "dmesr_no_alignment" -> new Variant(name, List.of("enhance=dmesr", "alignment=false"));
      case "dmesr_no_fusion" -> new Variant(name, List.of("enhance=dmesr", "fusion=false"));
      default -> throw new IllegalArgumentException("variant: unknown '" + name
          + "'; expected plain, dmesr, dmesr_no_alignment or dmesr_no_fusion");
    };
  }

  /** One finished run's test metrics and convergence. */
  public record Row(String backbone, String variant, int seed, SeqRecMetrics test, Convergence convergence, double samplesPerSecond) {}

  /**
   * Runs what is missing (or, with {@code train} false, only gathers the finished runs) and writes the tables;
   * returns every row.
   */
  public static List<Row> run(Path data, Path out, List<String> backbones, List<String> variants, int seeds,
      List<String> settings, Path cache, boolean progress, boolean train) {
    try (InPlaceDir dir = InPlaceDir.open(out, KIND, OWN::contains, List.of(MARKDOWN, CSV, JSON, "runs/"))) {
      dir.mark();
      return runLocked(data, dir, backbones, variants, seeds, settings, cache, progress, train);
    }
  }

  private static List<Row> runLocked(Path data, InPlaceDir out, List<String> backbones, List<String> variants, int seeds,
      List<String> settings, Path cache, boolean progress, boolean train) {
    Path runs = out.claim("runs/");
    List<Row> rows = new ArrayList<>();
    int total = backbones.size() * variants.size() * seeds;
    int k = 0;
    for (String backbone : backbones) {
      for (String vname : variants) {
        Variant v = variant(vname);
        for (int seed = 1; seed <= seeds; seed++) {
          k++;
          Path runDir = runs.resolve(backbone + "-" + vname).resolve("seed" + seed);
          List<String> kv = new ArrayList<>(settings);
          kv.add("backbone=" + backbone);
          kv.addAll(v.settings());
          kv.add("seed=" + seed);
          Config cfg = Config.builder().overrides(kv).build(SeqRecKeys.ALL);
          boolean done = Files.isRegularFile(runDir.resolve(SeqRecRunFiles.METRICS));
          if (!done && !train) {
            LOG.info(String.format(Locale.ROOT, "[%d/%d] %s %s seed %d: not finished, left out", k, total, backbone, vname, seed));
            continue;
          }
          LOG.info(String.format(Locale.ROOT, "[%d/%d] %s %s seed %d", k, total, backbone, vname, seed));
          SeqRecResult r = done ? null : SeqRecTrainer.train(new SeqRecTrainer.Request(data, runDir, cfg, cache, progress));
          rows.add(r != null ? new Row(backbone, vname, seed, r.test(), r.convergence(), r.samplesPerSecond()) : read(runDir, backbone, vname, seed));
          write(out, data, rows, settings);
        }
      }
    }
    return rows;
  }

  @SuppressWarnings("unchecked")
  private static Row read(Path runDir, String backbone, String variant, int seed) {
    Map<String, Object> m = Json.read(runDir.resolve(SeqRecRunFiles.METRICS), Map.class);
    Map<String, Object> test = (Map<String, Object>) m.get("test");
    return new Row(backbone, variant, seed, new SeqRecMetrics(SeqRecTables.report((Map<String, Object>) test.get("full_catalog")),
        SeqRecTables.report((Map<String, Object>) test.get("sampled_100"))), convergence(m),
        ((Number) m.get("samples_per_second")).doubleValue());
  }

  /** The recorded convergence; for a run written before it was recorded, what its best and last epochs tell. */
  private static Convergence convergence(Map<String, Object> m) {
    if (m.get("convergence") != null) return Json.MAPPER.convertValue(m.get("convergence"), Convergence.class);
    int best = ((Number) m.get("best_epoch")).intValue();
    int last = ((Number) m.get("epochs")).intValue();
    return new Convergence(best, last, -1, ((Number) m.get("steps")).longValue(), best == last, "unknown");
  }

  private static void write(InPlaceDir out, Path data, List<Row> rows, List<String> settings) {
    try {
      AtomicFiles.write(out.claim(MARKDOWN), SeqRecTables.markdown(data, rows, settings).getBytes(StandardCharsets.UTF_8));
      AtomicFiles.write(out.claim(CSV), SeqRecTables.csv(rows).getBytes(StandardCharsets.UTF_8));
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("data", data.toAbsolutePath().normalize().toString());
      j.put("settings", settings);
      j.put("summary", SeqRecTables.summary(rows));
      Json.write(out.claim(JSON), j);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write bench results into " + out.dir(), e);
    }
  }
}
