package org.r2led.seqrec;

import java.nio.file.Path;

/**
 * The outcome of one training run (immutable).
 *
 * @param runDir run directory
 * @param config resolved configuration summary, e.g. {@code sasrec+dmesr seed 1}
 * @param valid best-checkpoint metrics on the validation targets
 * @param test best-checkpoint metrics on the test targets
 * @param bestEpoch 1-based epoch of the best validation NDCG@10 (full catalog)
 * @param epochs epochs trained
 * @param steps optimizer steps
 * @param samplesPerSecond training windows per second
 * @param convergence where the best and last evaluations fell and what ended the run
 */
public record SeqRecResult(Path runDir, String config, SeqRecMetrics valid, SeqRecMetrics test, int bestEpoch, int epochs,
    long steps, double samplesPerSecond, org.r2led.train.Convergence convergence) {}
