package org.r2led.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.r2led.io.AtomicFiles;
import org.r2led.io.InPlaceDir;
import org.r2led.io.Json;

/**
 * Writes a benchmark's result files into its output directory, each atomically (temp file + rename)
 * and claimed first ({@link InPlaceDir#claim}: a file of the user's with the same name is refused).
 */
public final class BenchOutputs {
  private BenchOutputs() {}

  public static final String CSV = "results.csv";
  public static final String MARKDOWN = "results.md";
  public static final String JSON = "results.json";
  public static final String AUC_CHART = "auc_vs_cost.png";
  public static final String LATENCY_CHART = "latency_vs_length.png";

  public static void write(BenchResult r, InPlaceDir out) {
    try {
      AtomicFiles.write(out.claim(CSV), ResultsCsv.render(r).getBytes(StandardCharsets.UTF_8));
      AtomicFiles.write(out.claim(MARKDOWN), ResultsMarkdown.render(r).getBytes(StandardCharsets.UTF_8));
      Json.write(out.claim(JSON), ResultsJson.of(r));
      byte[] auc = BenchCharts.aucVsCost(r);
      if (auc != null) AtomicFiles.write(out.claim(AUC_CHART), auc);
      byte[] lat = BenchCharts.latencyVsLength(r);
      if (lat != null) AtomicFiles.write(out.claim(LATENCY_CHART), lat);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write benchmark results into " + out.dir(), e);
    }
  }
}
