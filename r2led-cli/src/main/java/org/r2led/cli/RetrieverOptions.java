package org.r2led.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.r2led.recall.RecallRun;
import picocli.CommandLine.Option;

/**
 * Retrieval-time settings of the retrieval run a serving command loads (shared by {@code recommend} and
 * {@code serve}): e.g. the {@code cascade_weight} and {@code repeat_weight} chosen on validation, and the
 * retriever's share of the two-stage order.
 */
public final class RetrieverOptions {
  @Option(names = "--retriever-set", paramLabel = "KEY=VALUE", description = "retrieve with KEY=VALUE instead of the "
      + "retrieval run's value (no retraining); only retrieval-time keys: cascade_weight, topk_categories, "
      + "repeat_weight, cooc_weight, cooc_window, hnsw_ef_search, hnsw_m, hnsw_ef_construction, hnsw_exact_below, exact_search")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--retrieval-weight", defaultValue = "0", description = "the retriever's share of the final order, "
      + "0..1: items are ordered by (1-w)*rank by the ranker + w*rank by the retriever (default: ${DEFAULT-VALUE}, the "
      + "ranker alone; docs/retrieval.md#two-stage)")
  double retrievalWeight;

  /** The retrieval run at {@code dir} with these settings. */
  RecallRun.Loaded load(Path dir) { return RecallRun.load(dir, set); }
}
