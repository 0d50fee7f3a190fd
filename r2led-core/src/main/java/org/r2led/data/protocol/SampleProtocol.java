package org.r2led.data.protocol;

import java.util.Map;
import org.r2led.data.PreparedDatasetWriter;

/** Turns one user's ordered events (already written as the user's sequence) into samples. */
interface SampleProtocol {
  /** Adds user {@code u}'s samples to {@code w} (the writer's current user is {@code u}); returns how many. */
  int emit(SortedEvents events, int u, PreparedDatasetWriter w);

  /** Protocol-specific counts for the manifest. */
  Map<String, Long> counts();

  /** Adds counts of the same protocol run on other users (another shard) to this one's. */
  void addCounts(Map<String, Long> counts);

  /** Protocol-specific notes for the manifest. */
  Map<String, Object> notes();
}
