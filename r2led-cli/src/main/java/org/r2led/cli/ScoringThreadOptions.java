package org.r2led.cli;

import org.r2led.bench.IntraOpThreads;
import org.r2led.serving.http.ServerOptions;
import picocli.CommandLine.Option;

/** Threading and load shedding of an in-process scoring service, shared by {@code serve} and {@code bench serve}. */
public final class ScoringThreadOptions {
  @Option(names = "--scoring-threads", description = "most scoring calls at once (default: the number of cores)")
  Integer scoringThreads;

  @Option(names = "--scoring-queue", description = "most score requests waiting for a scoring thread; more are answered "
      + "503 with Retry-After (default: 2 x the scoring threads)")
  Integer scoringQueue;

  @Option(names = "--http-threads", defaultValue = "" + ServerOptions.HTTP_THREADS,
      description = "most HTTP server threads (acceptor, selector and request threads; default: ${DEFAULT-VALUE})")
  int httpThreads;

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
    return scoringQueue != null ? scoringQueue : ServerOptions.QUEUE_PER_THREAD * scoringThreads();
  }

  /** The service's options with these scoring settings (the rest as {@link ServerOptions#defaults}). */
  ServerOptions serverOptions() {
    return ServerOptions.defaults(scoringThreads()).withScoringQueue(scoringQueue()).withHttpThreads(httpThreads);
  }

  /** Sets PyTorch's intra-op threads for this process's scoring calls. */
  void applyIntraOp() { IntraOpThreads.set(intraOpThreads); }
}
