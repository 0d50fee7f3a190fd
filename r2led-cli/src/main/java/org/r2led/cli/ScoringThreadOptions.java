package org.r2led.cli;

import org.r2led.bench.IntraOpThreads;
import picocli.CommandLine.Option;

/** Threading of an in-process scoring service, shared by {@code serve} and {@code bench serve}. */
public final class ScoringThreadOptions {
  @Option(names = "--scoring-threads", description = "most scoring calls at once (default: the number of cores)")
  Integer scoringThreads;

  @Option(names = "--scoring-queue", description = "most score requests waiting for a scoring thread; more are answered "
      + "503 with Retry-After (default: 2 x the scoring threads)")
  Integer scoringQueue;

  @Option(names = "--intra-op-threads", defaultValue = "1", description = "PyTorch threads per scoring call (default: ${DEFAULT-VALUE}: "
      + "requests run in parallel on the scoring threads instead; see docs/serving.md#threading)")
  int intraOpThreads;

  /** Scoring calls at once: {@code --scoring-threads}, or the number of cores; at least 1. */
  int scoringThreads() {
    return Math.max(1, scoringThreads != null ? scoringThreads : Runtime.getRuntime().availableProcessors());
  }

  /** Score requests allowed to wait: {@code --scoring-queue}, or 2 per scoring thread. */
  int scoringQueue() {
    if (scoringQueue != null && scoringQueue < 0) throw new IllegalArgumentException("--scoring-queue must be >= 0, got " + scoringQueue);
    return scoringQueue != null ? scoringQueue : org.r2led.serving.http.ServerOptions.QUEUE_PER_THREAD * scoringThreads();
  }

  /** Sets PyTorch's intra-op threads for this process's scoring calls. */
  void applyIntraOp() { IntraOpThreads.set(intraOpThreads); }
}
