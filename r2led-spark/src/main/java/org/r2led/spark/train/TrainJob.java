package org.r2led.spark.train;

import java.io.Serializable;

/**
 * What every barrier task of {@code spark train} needs (paths as strings: they travel to executors).
 *
 * @param runDir run directory (config.yaml written by the driver; task 0 writes checkpoints there)
 * @param data prepared dataset directory, on storage every executor reads
 * @param sids SID directory or null
 * @param resume continue from the run's last checkpoint
 * @param progress whether task 0 draws the progress bar and prints validations
 * @param ledger results ledger TSV task 0 appends to
 * @param initFrom an exported model or run directory every task warm-starts its replica from when it does
 *     not continue from a checkpoint ({@code WarmStart}; storage every executor reads), or null
 * @param failAtStep a test hook: the last task of the stage's first attempt fails before this optimizer
 *     step (-1 = never), to exercise the retry of a barrier stage
 */
record TrainJob(String runDir, String data, String sids, boolean resume, boolean progress, String ledger, String initFrom,
    long failAtStep)
    implements Serializable {}
