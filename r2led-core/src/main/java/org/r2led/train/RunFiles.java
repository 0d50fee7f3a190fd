package org.r2led.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.r2led.config.Config;
import org.r2led.io.AtomicFiles;

/** File names inside a run directory. */
public final class RunFiles {
  private RunFiles() {}

  public static final String CONFIG = "config.yaml";
  public static final String RUN = "run.json";
  public static final String METRICS = "metrics.json";
  public static final String BEST = "checkpoint/best.ckpt";
  public static final String LAST = "checkpoint/last.ckpt";

  /** Top-level entries a run directory may hold (anything else means it is not a run directory). */
  public static final Set<String> TOP_LEVEL = Set.of(CONFIG, RUN, METRICS, "checkpoint");

  /**
   * Refuses to start a new run in {@code runDir} when it already has a last checkpoint (that run is
   * continued with {@code --resume}) or holds files a run does not write ({@link #checkFreshTarget}).
   */
  public static void checkNewRun(Path runDir) {
    if (Files.exists(last(runDir))) {
      throw new IllegalArgumentException("run directory " + runDir + " already has a checkpoint; use --resume or another --out");
    }
    checkFreshTarget(runDir);
  }

  /** Creates {@code runDir} if needed and writes {@code cfg} as its {@code config.yaml} (atomically). */
  public static void writeConfig(Path runDir, Config cfg) {
    try {
      Files.createDirectories(runDir);
      AtomicFiles.write(runDir.resolve(CONFIG), cfg.toYaml().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to run directory " + runDir, e);
    }
  }

  /**
   * Refuses to start a fresh run in {@code runDir} when it holds anything but the files of a run that
   * never reached its first checkpoint (the caller checks for checkpoints).
   */
  public static void checkFreshTarget(Path runDir) {
    if (!Files.exists(runDir)) return;
    if (!Files.isDirectory(runDir)) {
      throw new IllegalArgumentException("run directory " + runDir + " exists and is a file, not a directory");
    }
    List<String> foreign = foreignPaths(runDir);
    if (!foreign.isEmpty()) {
      throw new IllegalArgumentException("refusing to train into " + runDir + ": it is not empty and is not a run "
          + "directory (found " + org.r2led.io.StagedDir.shown(foreign) + "); choose a new or empty --out");
    }
  }

  /**
   * The paths in {@code runDir} that a run does not write (relative, sorted): top-level entries other
   * than {@link #TOP_LEVEL}, and anything in {@code checkpoint/} but the checkpoints; temp files aside.
   */
  public static List<String> foreignPaths(Path runDir) {
    List<String> out = new ArrayList<>();
    for (Path p : entries(runDir)) {
      String n = p.getFileName().toString();
      if (isTempFile(n)) continue;
      if (!TOP_LEVEL.contains(n)) {
        out.add(n);
      } else if (n.equals("checkpoint") && Files.isDirectory(p)) {
        for (Path c : entries(p)) {
          String cn = c.getFileName().toString();
          if (!isTempFile(cn) && !("checkpoint/" + cn).equals(BEST) && !("checkpoint/" + cn).equals(LAST)) out.add("checkpoint/" + cn);
        }
      }
    }
    out.sort(null);
    return out;
  }

  private static List<Path> entries(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Names of {@link org.r2led.io.AtomicFiles} temporaries ({@code .NAME.PID.N.tmp}). */
  private static boolean isTempFile(String name) {
    return name.startsWith(".") && name.endsWith(".tmp");
  }

  public static Path best(Path runDir) { return runDir.resolve(BEST); }

  public static Path last(Path runDir) { return runDir.resolve(LAST); }
}
