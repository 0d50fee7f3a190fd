package org.r2led.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the temp files that {@link AtomicFiles} writers killed mid-write left behind
 * ({@code .<name>.<pid>.<n>.tmp}): a temp file is orphaned when no live process has its PID. Temp
 * files of live processes (this one included) are kept. PIDs are those of this machine's process
 * namespace: do not point it at a directory that processes of other machines write into.
 */
public final class OrphanedTempFiles {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanedTempFiles.class);
  private OrphanedTempFiles() {}

  private static final Pattern TEMP = Pattern.compile("\\..+\\.(\\d{1,19})\\.\\d+\\.tmp");

  /** What {@link #clean} removed. */
  public record Removed(int files, long bytes) {
    /** A one-line report, e.g. {@code removed 3 orphaned temp files (45.1 MB) in DIR}. */
    public String describe(Path dir) {
      return String.format(java.util.Locale.ROOT, "removed %d orphaned temp file%s (%.1f MB) left by interrupted writes in %s",
          files, files == 1 ? "" : "s", bytes / 1e6, dir);
    }
  }

  /** {@link #clean}, then one line on stderr when anything was removed. */
  public static Removed cleanAndReport(Path dir) {
    return report(dir, clean(dir, true));
  }

  /**
   * For readers: {@link #cleanAndReport}, except that a temp file that cannot be removed (a read-only
   * file system, no permission) is left in place with a note instead of failing the read.
   */
  public static Removed cleanIfPossible(Path dir) {
    return report(dir, clean(dir, false));
  }

  private static Removed report(Path dir, Removed r) {
    if (r.files() > 0) LOG.info(r.describe(dir));
    return r;
  }

  /** Deletes the orphaned temp files in {@code dir} and its subdirectories (none when it does not exist). */
  public static Removed clean(Path dir) {
    return clean(dir, true);
  }

  private static Removed clean(Path dir, boolean strict) {
    if (!Files.isDirectory(dir)) return new Removed(0, 0);
    List<Path> candidates;
    try (Stream<Path> s = Files.walk(dir)) {
      candidates = s.filter(p -> orphanPid(p.getFileName().toString()).isPresent() && Files.isRegularFile(p)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    int files = 0;
    long bytes = 0;
    for (Path p : candidates) {
      try {
        long size = Files.size(p);
        if (Files.deleteIfExists(p)) {
          files++;
          bytes += size;
        }
      } catch (NoSuchFileException e) {
        // removed meanwhile
      } catch (IOException e) {
        if (strict) throw new UncheckedIOException("cannot remove orphaned temp file " + p, e);
        LOG.warn("note: left orphaned temp file {} in place ({})", p, e.getMessage());
      }
    }
    return new Removed(files, bytes);
  }

  /** The PID in a temp file's name when that process is gone; empty for other names and live PIDs. */
  static Optional<Long> orphanPid(String fileName) {
    Matcher m = TEMP.matcher(fileName);
    if (!m.matches()) return Optional.empty();
    long pid;
    try {
      pid = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    return alive ? Optional.empty() : Optional.of(pid);
  }
}
