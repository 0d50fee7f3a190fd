package org.r2led.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident set size (RSS) in MB, current and peak, read from {@code /proc/self/status}
 * (Linux); both are -1 where that file is unavailable.
 */
public record ResidentMemory(long currentMb, long peakMb) {
  /** Reads the figures now. */
  public static ResidentMemory read() {
    long cur = -1, peak = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) cur = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        if (line.startsWith("VmHWM:")) peak = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return new ResidentMemory(cur, peak);
  }
}
