package org.r2led.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * All-or-nothing output directory. {@link #open} locks the target ({@link DirLock}), finishes or
 * undoes a swap that a killed process left half done, removes orphaned staging directories, and
 * refuses a non-empty target that is not this tool's output of the same kind. The caller writes
 * into {@link #stage()} (a fresh sibling {@code .<name>.staging-<pid>}); {@link #commit()} marks it
 * complete ({@value #MARKER}) and swaps it in with two renames; {@link #close()} without a commit
 * deletes the staging directory, so a failure leaves the previous content untouched.
 *
 * <p>Crash safety: between the two renames the target is briefly absent; the next {@code open}
 * moves the complete staging directory in (or, when the staging is incomplete, the previous
 * content back), so a reader never sees a half-written directory under the target's name.
 */
public final class StagedDir implements AutoCloseable {
  /** File inside every committed output naming its kind. */
  public static final String MARKER = ".r2led-output.json";

  /**
   * A kind of output ("dataset", "sids", ...). {@code legacy} recognises this kind's outputs
   * written before the marker existed (so they are replaced, not refused).
   */
  public record Kind(String name, Predicate<Path> legacy) {
    public static Kind of(String name) { return new Kind(name, d -> false); }
  }

  private final DirLock lock;
  private final Path target;
  private final Kind kind;
  private Path staging;
  private boolean committed;

  private StagedDir(DirLock lock, Kind kind) {
    this.lock = lock;
    this.target = lock.dir();
    this.kind = kind;
  }

  /** Locks and checks {@code target}; see the class comment. */
  public static StagedDir open(Path target, Kind kind) {
    DirLock lock = DirLock.acquire(target);
    try {
      StagedDir d = new StagedDir(lock, kind);
      d.recover();
      checkReplaceable(d.target, kind);
      return d;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** The final directory (absolute). */
  public Path target() { return target; }

  /** Whether the target currently holds a committed output of this kind. */
  public boolean hasOutput() {
    return Files.isDirectory(target) && (kind.equals(markerKind(target)) || kind.legacy().test(target));
  }

  /** Creates (once) and returns the empty staging directory to write into. */
  public Path stage() {
    if (committed) throw new IllegalStateException("already committed: " + target);
    if (staging == null) {
      staging = sibling("staging-" + ProcessHandle.current().pid());
      try {
        FileTrees.delete(staging);
        Files.createDirectories(staging);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create staging directory " + staging, e);
      }
    }
    return staging;
  }

  /** Marks the staged output complete and swaps it in place of the target. */
  public void commit() {
    Path s = stage();
    Path old = sibling("old-" + ProcessHandle.current().pid());
    try {
      writeMarker(s, kind);
      FileTrees.delete(old);
      if (Files.exists(target)) Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      Files.move(s, target, StandardCopyOption.ATOMIC_MOVE);
      committed = true;
      FileTrees.delete(old);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot swap " + s + " into " + target, e);
    }
  }

  /** Drops an uncommitted staging directory and releases the lock. */
  @Override
  public void close() {
    try {
      if (!committed && staging != null) FileTrees.delete(staging);
    } catch (IOException e) {
      System.err.println("warning: cannot remove staging directory " + staging + ": " + e.getMessage());
    } finally {
      lock.close();
    }
  }

  private Path sibling(String suffix) {
    return target.resolveSibling("." + target.getFileName() + "." + suffix);
  }

  /** Completes or undoes an interrupted swap, then removes leftover staging/old siblings. */
  private void recover() {
    String prefix = "." + target.getFileName() + ".";
    List<Path> staged = new ArrayList<>();
    List<Path> old = new ArrayList<>();
    try (Stream<Path> s = Files.list(target.getParent())) {
      s.forEach(p -> {
        String n = p.getFileName().toString();
        if (n.startsWith(prefix + "staging-")) staged.add(p);
        else if (n.startsWith(prefix + "old-")) old.add(p);
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + target.getParent(), e);
    }
    try {
      if (!Files.exists(target)) {
        Path complete = staged.stream().filter(p -> Files.isRegularFile(p.resolve(MARKER))).findFirst().orElse(null);
        Path restore = complete != null ? complete : old.stream().findFirst().orElse(null);
        if (restore != null) {
          Files.move(restore, target, StandardCopyOption.ATOMIC_MOVE);
          System.err.println("note: completed an interrupted write of " + target + " (from " + restore.getFileName() + ")");
          staged.remove(restore);
          old.remove(restore);
        }
      }
      long removed = 0;
      for (Path p : staged) removed += FileTrees.delete(p);
      for (Path p : old) removed += FileTrees.delete(p);
      if (!staged.isEmpty() || !old.isEmpty()) {
        System.err.printf("note: removed %d leftover staging director%s of %s (%,d bytes)%n",
            staged.size() + old.size(), staged.size() + old.size() == 1 ? "y" : "ies", target, removed);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot recover an interrupted write of " + target, e);
    }
  }

  /**
   * Marks {@code dir} as this tool's output of {@code kind} (for outputs written in place under a
   * {@link DirLock}, e.g. the quickstart's directory).
   */
  public static void writeMarker(Path dir, Kind kind) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind.name());
    m.put("tool", "r2led"); // no time or PID: the same inputs give byte-identical outputs
    AtomicFiles.write(dir.resolve(MARKER), Json.toString(m).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Throws unless {@code target} is absent, empty, or this tool's output of {@code kind} (marked, or
   * recognised by the kind's legacy rule); the message lists what was found.
   */
  public static void checkReplaceable(Path target, Kind kind) {
    if (!Files.exists(target)) return;
    if (!Files.isDirectory(target)) {
      throw new IllegalArgumentException("output " + target + " exists and is a file, not a directory");
    }
    List<String> names = list(target);
    if (names.isEmpty()) return;
    String found = markerKind(target);
    if (kind.name().equals(found)) return;
    if (found != null) {
      throw new IllegalArgumentException("refusing to replace " + target + ": it holds r2led " + found
          + " output, not " + kind.name() + "; choose another output directory");
    }
    if (kind.legacy().test(target)) return;
    throw new IllegalArgumentException("refusing to write " + kind.name() + " output into " + target
        + ": it is not empty and is not r2led " + kind.name() + " output (found "
        + String.join(", ", names.subList(0, Math.min(6, names.size()))) + (names.size() > 6 ? ", ..." : "")
        + "); choose a new or empty directory");
  }

  /** The kind recorded in {@code dir}'s marker, or null when there is none (or it is unreadable). */
  public static String markerKind(Path dir) {
    Path m = dir.resolve(MARKER);
    if (!Files.isRegularFile(m)) return null;
    try {
      Object k = Json.MAPPER.readValue(m.toFile(), Map.class).get("kind");
      return k == null ? null : k.toString();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static List<String> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
