package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code bench train --cases none} only goes with a worker comparison on prepared data. */
class BenchTrainCommandTest {
  @Test
  void casesNoneWithoutWorkersAndDataIsRefused() {
    CliRun r = CliRun.of("bench", "train", "--cases", "none", "--steps", "1", "--warmup", "0", "--repeat", "1");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--cases none leaves nothing to measure; it goes with --workers and --data"), r.err());
  }
}
