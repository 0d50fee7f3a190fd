package org.r2led.data.protocol;

import java.nio.file.Path;
import org.r2led.data.Manifest;

/**
 * Outcome of {@link DatasetPreparer#prepare}.
 *
 * @param dir the prepared dataset directory
 * @param manifest its manifest
 * @param upToDate true when the existing dataset matched the cache key and was reused
 * @param seconds wall time of the call
 * @param badRowsSkipped malformed rows skipped (skip mode)
 * @param badRowExamples the first skipped-row messages
 */
public record PrepareResult(Path dir, Manifest manifest, boolean upToDate, double seconds, long badRowsSkipped,
    java.util.List<String> badRowExamples) {}
