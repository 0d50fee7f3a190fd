package org.r2led.train;

import java.nio.file.Path;

/**
 * The outcome of a training run (also written to {@code metrics.json}).
 *
 * @param valid validation metrics of the best checkpoint
 * @param test test metrics of the best checkpoint
 * @param trainSamplesPerSecond training throughput (samples / training wall time, evaluations excluded)
 */
public record RunResult(Path runDir, String model, int seed, SplitMetrics valid, SplitMetrics test, long bestStep,
    long steps, int epochs, double trainSamplesPerSecond) {}
