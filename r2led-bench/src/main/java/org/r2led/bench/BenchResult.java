package org.r2led.bench;

import java.util.List;

/**
 * Everything a benchmark produced: the request, the dataset fingerprint, every model's runs and
 * figures, how many cells were reused, resumed or trained, the thread counts in use and the wall time.
 *
 * @param scoringThreads intra-op threads during the scoring timings
 * @param trainingThreads intra-op threads during training (the engine's setting)
 */
public record BenchResult(BenchRequest request, String datasetFingerprint, List<ModelRuns> runs, List<ModelFigures> figures,
    Counts cells, int scoringThreads, int trainingThreads, double seconds) {
  /** Cells in all and by outcome; {@code extended}: cells resumed with a larger epoch limit (of any outcome). */
  public record Counts(int total, int reused, int resumed, int trained, int extended) {}

  public BenchResult {
    runs = List.copyOf(runs);
    figures = List.copyOf(figures);
  }

  /** Candidates of the "many" scoring timing. */
  public int candidates() { return request.candidates(); }
}
