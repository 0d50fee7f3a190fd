package org.r2led.model;

/**
 * The samples of one batch as plain values: for each sample {@code j < size()}, its target, label,
 * user and history. {@link SplitSamples} adapts prepared samples; a serving path or a benchmark
 * supplies its own.
 */
public interface SampleSource {
  int size();

  /** An id of sample j (e.g. its index in the split; -1 when none). */
  int sampleId(int j);

  /** Dense user id (for GAUC); -1 when unknown. */
  int user(int j);

  /** 0/1 label (0 when unknown, e.g. when serving). */
  float label(int j);

  /** Target item id. */
  int item(int j);

  /** Target item's category id. */
  int category(int j);

  /** Target time, Unix seconds. */
  long ts(int j);

  /** Fills {@code into} with the most recent {@code min(window, available)} events before sample j, oldest first. */
  void history(int j, int window, History into);

  /**
   * How many consecutive samples from j on ({@code j, j+1, …}) have sample j's history and time: at
   * least 1; 1 when unknown (the default). A serving request's candidates share one history, so batch
   * building loads it once and selectors do their history-side work once per group
   * ({@link TokenSelector#startHistory}).
   */
  default int sharedHistory(int j) { return 1; }
}
