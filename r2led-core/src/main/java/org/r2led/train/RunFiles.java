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

  public static Path best(Path runDir) { return runDir.resolve(BEST); }

  public static Path last(Path runDir) { return runDir.resolve(LAST); }

  /** Removes temp files that killed writes left in {@code runDir} (see {@link OrphanedTempFiles}) and reports them on stderr. */
  static void cleanOrphans(Path runDir) {
    OrphanedTempFiles.Removed r = OrphanedTempFiles.clean(runDir);
    if (r.files() > 0) System.err.println(r.describe(runDir));
  }
}
