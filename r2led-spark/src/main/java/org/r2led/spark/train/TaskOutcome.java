package org.r2led.spark.train;

import java.io.Serializable;

/**
 * What a barrier task of {@code spark train} reports to the driver.
 *
 * @param task partition id
 * @param attempt the stage attempt that finished (above 0 after Spark retried the stage)
 * @param steps optimizer steps of the run in total
 * @param paused stopped at {@code max_steps}
 * @param evaluated the best checkpoint was evaluated on valid and test (false when paused before the first validation)
 * @param samplesPerSecond global training samples per second of training wall time
 * @param startSeconds from the task's start to its first step (dataset, model, checkpoint)
 * @param cost where this task's steps spent their time and what they exchanged
 */
record TaskOutcome(int task, int attempt, long steps, boolean paused, boolean evaluated, double samplesPerSecond,
    double startSeconds, StepCost.Summary cost) implements Serializable {}
