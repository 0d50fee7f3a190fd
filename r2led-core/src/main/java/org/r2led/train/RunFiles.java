package org.r2led.train;

import java.nio.file.Path;
import org.r2led.io.OrphanedTempFiles;

/** File names inside a run directory. */
public final class RunFiles {
  private RunFiles() {}

  public static final String CONFIG = "config.yaml";
  public static final String RUN = "run.json";
  public static final String METRICS = "metrics.json";
  public static final String BEST = "checkpoint/best.ckpt";
  public static final String LAST = "checkpoint/last.ckpt";

  /** Top-level entries a run directory may hold (anything else means it is not a run directory). */
  public static final java.util.Set<String> TOP_LEVEL = java.util.Set.of(CONFIG, RUN, METRICS, "checkpoint");

  /**
   * Refuses to start a fresh run in {@code runDir} when it holds anything but the files of a run that
   * never reached its first checkpoint (the caller checks for checkpoints).
   */
  public static void checkFreshTarget(Path runDir) {
    if (!java.nio.file.Files.exists(runDir)) return;
    if (!java.nio.file.Files.isDirectory(runDir)) {
      throw new IllegalArgumentException("run directory " + runDir + " exists and is a file, not a directory");
    }
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(runDir)) {
      java.util.List<String> foreign = s.map(p -> p.getFileName().toString()).filter(n -> !TOP_LEVEL.contains(n) && !isTempFile(n))
          .sorted().toList();
      if (!foreign.isEmpty()) {
        throw new IllegalArgumentException("refusing to train into " + runDir + ": it is not empty and is not a run "
            + "directory (found " + String.join(", ", foreign.subList(0, Math.min(6, foreign.size())))
            + (foreign.size() > 6 ? ", ..." : "") + "); choose a new or empty --out");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + runDir, e);
    }
  }

  /** Names of {@link org.r2led.io.AtomicFiles} temporaries ({@code .NAME.PID.N.tmp}). */
  private static boolean isTempFile(String name) {
    return name.startsWith(".") && name.endsWith(".tmp");
  }

  public static Path best(Path runDir) { return runDir.resolve(BEST); }

  public static Path last(Path runDir) { return runDir.resolve(LAST); }

  /** Removes temp files that killed writes left in {@code runDir} (see {@link OrphanedTempFiles}) and reports them on stderr. */
  static void cleanOrphans(Path runDir) {
    OrphanedTempFiles.Removed r = OrphanedTempFiles.clean(runDir);
    if (r.files() > 0) System.err.println(r.describe(runDir));
  }
}
