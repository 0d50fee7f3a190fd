package org.r2led.cli;

import org.r2led.bench.IntraOpThreads;
import picocli.CommandLine.Option;

/** Threading of an in-process scoring service, shared by {@code serve} and {@code bench serve}. */
public final class ScoringThreadOptions {
  @Option(names = "--scoring-threads", description = "most scoring calls at once (default: the number of cores)")
  Integer scoringThreads;

  @Option(names = "--intra-op-threads", defaultValue = "1", description = "PyTorch threads per scoring call (default: ${DEFAULT-VALUE}: "
      + "requests run in parallel on the scoring threads instead; see docs/serving.md#threading)")
  int intraOpThreads;

  /** Scoring calls at once: {@code --scoring-threads}, or the number of cores; at least 1. */
  int scoringThreads() {
    return Math.max(1, scoringThreads != null ? scoringThreads : Runtime.getRuntime().availableProcessors());
  }

  /** Sets PyTorch's intra-op threads for this process's scoring calls. */
  void applyIntraOp() { IntraOpThreads.set(intraOpThreads); }
}
