package org.r2led.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An output directory written in place under its {@link DirLock} rather than staged, because its
 * files are added one by one and a rerun resumes or accumulates (a benchmark, exported samples, the
 * quickstart, profiler traces). {@link #open} locks the directory (by its real path) and refuses, before
 * anything is written, a non-empty directory that is not this tool's output of the kind
 * ({@link StagedDir#checkReplaceable}) and any path the command is going to write that exists but was
 * not written there by this tool. The marker ({@value StagedDir#MARKER}) records every path written in
 * place (a directory as {@code name/}, its content being its own writer's): {@link #claim} checks a
 * path again and records it right before it is written, so a user's {@code results.md} put into a
 * benchmark folder, even while the benchmark runs, is never overwritten. Nothing is ever deleted.
 *
 * <p>An output of an earlier version records no paths: its entries that {@code own} accepts are
 * taken as the tool's, as they were before.
 */
public final class InPlaceDir implements AutoCloseable {
  private final DirLock lock;
  private final StagedDir.Kind kind;
  private final TreeSet<String> record;

  private InPlaceDir(DirLock lock, StagedDir.Kind kind, TreeSet<String> record) {
    this.lock = lock;
    this.kind = kind;
    this.record = record;
  }

  /**
   * Locks and checks {@code dir} for a command going to write {@code writes} (relative paths,
   * directories ending in '/'); {@code own} names the entries of this kind (for outputs of an earlier version).
   */
  public static InPlaceDir open(Path dir, StagedDir.Kind kind, Predicate<String> own, Collection<String> writes) {
    DirLock lock = DirLock.acquire(dir);
    try {
      InPlaceDir d = new InPlaceDir(lock, kind, recorded(lock.dir(), kind, own));
      d.refuseUnrecorded(writes);
      return d;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** The directory (its real path). */
  public Path dir() { return lock.dir(); }

  /**
   * Creates the directory, marks it (recording the paths written so far) and removes temp files that
   * dead writers left there.
   */
  public void mark() {
    try {
      Files.createDirectories(dir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir(), e);
    }
    writeMarker();
    OrphanedTempFiles.cleanAndReport(dir());
  }

  /**
   * Right before {@code path} (relative; a directory ending in '/') is written: refuses when it exists
   * but was not written by this tool, else records it; returns it resolved against the directory.
   */
  public Path claim(String path) {
    refuseUnrecorded(List.of(path));
    if (record.add(path)) writeMarker();
    return dir().resolve(path);
  }

  @Override
  public void close() { lock.close(); }

  private void writeMarker() {
    try {
      StagedDir.writeMarker(dir(), kind, List.copyOf(record));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mark " + dir(), e);
    }
  }

  /** Throws, listing them, when any of {@code paths} exists but is not recorded. */
  private void refuseUnrecorded(Collection<String> paths) {
    List<String> clashes = new ArrayList<>();
    for (String w : paths) {
      String e = entry(dir(), dir().resolve(w));
      if (e != null && !record.contains(e)) clashes.add(e);
    }
    if (clashes.isEmpty()) return;
    boolean one = clashes.size() == 1;
    throw new IllegalArgumentException("refusing to write into r2led " + kind.name() + " output " + dir() + ": it holds "
        + (one ? "a file" : clashes.size() + " files") + " r2led did not write with the name of one it writes ("
        + StagedDir.shown(clashes) + "); move " + (one ? "it" : "them") + " out of the directory (or choose another output"
        + " directory) and run again");
  }

  /**
   * After checking that {@code d} may hold this kind's output: the paths its marker records, or, for an
   * output of an earlier version, its entries that {@code own} accepts.
   */
  private static TreeSet<String> recorded(Path d, StagedDir.Kind kind, Predicate<String> own) {
    StagedDir.checkReplaceable(d, kind);
    List<String> paths = StagedDir.markerPaths(d);
    if (paths != null) return new TreeSet<>(paths);
    TreeSet<String> adopted = new TreeSet<>();
    if (!Files.isDirectory(d)) return adopted;
    try (Stream<Path> s = Files.list(d)) {
      s.filter(p -> own.test(p.getFileName().toString())).forEach(p -> adopted.add(entry(d, p)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + d, e);
    }
    return adopted;
  }

  /** {@code p} relative to {@code d} as the marker records it ('/' after a directory), or null when absent. */
  private static String entry(Path d, Path p) {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return null;
    String rel = StagedDir.relative(d, p);
    return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? rel + "/" : rel;
  }
}
