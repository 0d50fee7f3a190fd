package org.r2led.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All-or-nothing output directory. {@link #open} locks the target ({@link DirLock}, by its real
 * path, so a symbolic link stays a link to the new content), finishes or undoes a swap that a killed
 * process left half done, removes orphaned staging directories, and refuses a non-empty target that
 * is not this tool's output of the same kind. The caller writes into {@link #stage()} (a fresh
 * sibling {@code .<name>.staging-<pid>}); {@link #commit()} marks it complete ({@value #MARKER},
 * which records every path the output holds) and swaps it in with two renames; {@link #close()}
 * without a commit deletes the staging directory, so a failure leaves the previous content untouched.
 *
 * <p>Files the tool did not write are never deleted: {@link #stage()} and {@link #commit()} refuse to
 * replace a target holding a path its marker does not record (a file the user put there) and list
 * it. Outputs without a recorded list (unmarked, or marked by an earlier version) are replaced only
 * when the kind's legacy rule recognises them.
 *
 * <p>Crash safety: between the two renames the target is briefly absent; the next {@code open}, or a
 * reader's {@link #settle}, moves the complete staging directory in (or, when the staging is
 * incomplete, the previous content back), so a reader never sees a half-written directory under the
 * target's name.
 */
public final class StagedDir implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StagedDir.class);
  /** File inside every committed output naming its kind (and, for staged outputs, the paths it holds). */
  public static final String MARKER = ".r2led-output.json";
  /** Paths listed in a refusal before it says "...". */
  private static final int SHOWN = 6;

  /**
   * A kind of output ("dataset", "sids", ...). {@code legacy} recognises this kind's outputs
   * written before the marker recorded their paths (so they are replaced, not refused).
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
      recover(d.target);
      checkReplaceable(d.target, kind);
      return d;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** The final directory (its real path). */
  public Path target() { return target; }

  /** Whether the target currently holds a committed output of this kind. */
  public boolean hasOutput() {
    return Files.isDirectory(target) && (kind.name().equals(markerKind(target)) || kind.legacy().test(target));
  }

  /**
   * Creates (once) and returns the empty staging directory to write into. The output is going to be
   * replaced, so this first refuses a target holding files this tool did not write.
   */
  public Path stage() {
    if (committed) throw new IllegalStateException("already committed: " + target);
    if (staging == null) {
      checkOwnFiles(target, kind);
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

  /**
   * Marks the staged output complete (recording its paths) and swaps it in place of the target,
   * after checking again that the target holds nothing this tool did not write.
   */
  public void commit() {
    Path s = stage();
    Path old = sibling("old-" + ProcessHandle.current().pid());
    checkReplaceable(target, kind); // files may have been added while the output was written
    checkOwnFiles(target, kind);
    try {
      writeMarker(s, kind, recordedPaths(s));
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
      LOG.warn("warning: cannot remove staging directory {}: {}", staging, e.getMessage());
    } finally {
      lock.close();
    }
  }

  private Path sibling(String suffix) {
    return target.resolveSibling("." + target.getFileName() + "." + suffix);
  }

  /**
   * For readers: when {@code dir} is absent because a writer died between the two renames of its
   * swap (a {@code .<name>.staging-<pid>} or {@code .<name>.old-<pid>} sibling is left), completes or
   * undoes that swap under the directory's lock, as {@link #open} does; otherwise touches nothing.
   * Fails naming the PID when a live process holds the lock (it is in the middle of its swap).
   */
  public static void settle(Path dir) {
    Path target = DirLock.realPath(dir);
    if (target.getParent() == null || Files.exists(target) || !Files.isDirectory(target.getParent())) return;
    Siblings left = siblings(target);
    if (left.staged().isEmpty() && left.old().isEmpty()) return;
    DirLock lock;
    try {
      lock = DirLock.acquire(target);
    } catch (DirLock.LockedException e) {
      throw new IllegalStateException("cannot read " + target + " now: another r2led process (PID " + e.holderPid()
          + ", lock file " + DirLock.lockFile(target) + ") is replacing it; wait for it to finish", e);
    }
    try (lock) {
      recover(target);
    }
  }

  /** A target's leftover staging and old siblings. */
  private record Siblings(List<Path> staged, List<Path> old) {}

  private static Siblings siblings(Path target) {
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
    return new Siblings(staged, old);
  }

  /** Completes or undoes an interrupted swap of the (locked) {@code target}, then removes leftover staging/old siblings. */
  private static void recover(Path target) {
    Siblings left = siblings(target);
    List<Path> staged = new ArrayList<>(left.staged());
    List<Path> old = new ArrayList<>(left.old());
    try {
      if (!Files.exists(target)) {
        Path complete = staged.stream().filter(p -> Files.isRegularFile(p.resolve(MARKER))).findFirst().orElse(null);
        Path restore = complete != null ? complete : old.stream().findFirst().orElse(null);
        if (restore != null) {
          Files.move(restore, target, StandardCopyOption.ATOMIC_MOVE);
          LOG.info("note: completed an interrupted write of {} (from {})", target, restore.getFileName());
          staged.remove(restore);
          old.remove(restore);
        }
      }
      long removed = 0;
      for (Path p : staged) removed += FileTrees.delete(p);
      for (Path p : old) removed += FileTrees.delete(p);
      if (!staged.isEmpty() || !old.isEmpty()) {
        LOG.info(String.format("note: removed %d leftover staging director%s of %s (%,d bytes)",
            staged.size() + old.size(), staged.size() + old.size() == 1 ? "y" : "ies", target, removed));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot recover an interrupted write of " + target, e);
    }
  }

  /**
   * Marks {@code dir} as this tool's output of {@code kind} without recording its paths, as versions
   * before the recorded list did (tests use it to stand for such outputs).
   */
  public static void writeMarker(Path dir, Kind kind) throws IOException {
    writeMarker(dir, kind, null);
  }

  /** Writes the marker, with {@code paths} (sorted relative paths, directories ending in '/') when not null. */
  static void writeMarker(Path dir, Kind kind, List<String> paths) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind.name());
    m.put("tool", "r2led"); // no time or PID: the same inputs give byte-identical outputs
    if (paths != null) m.put("paths", paths);
    AtomicFiles.write(dir.resolve(MARKER), Json.toString(m).getBytes(StandardCharsets.UTF_8));
  }

  /** Every path under {@code dir} but the marker: relative, '/'-separated, directories ending in '/', sorted. */
  private static List<String> recordedPaths(Path dir) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(p -> !p.equals(dir)).forEach(p -> {
        String rel = relative(dir, p);
        if (!rel.equals(MARKER)) out.add(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? rel + "/" : rel);
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    out.sort(null);
    return out;
  }

  static String relative(Path dir, Path p) {
    return dir.relativize(p).toString().replace('\\', '/');
  }

  /**
   * Throws unless every path in {@code target} is one this tool wrote: those its marker records (and
   * temp files of dead writers), or, without a recorded list, what the kind's legacy rule accepts.
   * The message lists the unknown paths and says how to proceed.
   */
  private static void checkOwnFiles(Path target, Kind kind) {
    if (!Files.isDirectory(target) || list(target).isEmpty()) return;
    List<String> recorded = markerPaths(target);
    if (recorded == null) {
      if (kind.legacy().test(target)) return;
      throw new IllegalArgumentException("refusing to replace " + target + ": it holds r2led " + kind.name()
          + " output of an earlier version, which did not record its files, and the directory holds " + shown(list(target))
          + "; move your own files out, or delete the directory, and run again");
    }
    List<String> unknown = unknownPaths(target, new HashSet<>(recorded));
    if (unknown.isEmpty()) return;
    throw new IllegalArgumentException("refusing to replace r2led " + kind.name() + " output " + target + ": it holds "
        + (unknown.size() == 1 ? "a file" : unknown.size() + " files") + " r2led did not write (" + shown(unknown)
        + "); move them out of the directory (or choose another output directory) and run again");
  }

  /**
   * Whether {@code dir} holds nothing but {@code files} (relative, '/'-separated), their parent
   * directories and the marker: a legacy rule for kinds whose outputs list their own files.
   */
  public static boolean holdsOnly(Path dir, java.util.Collection<String> files) {
    return pathsBesides(dir, files).isEmpty();
  }

  /**
   * The paths under {@code dir} other than {@code files} (relative, '/'-separated), their parent
   * directories, the marker and temp files of dead writers; sorted, a directory's content not listed.
   */
  public static List<String> pathsBesides(Path dir, java.util.Collection<String> files) {
    Set<String> known = new HashSet<>();
    for (String f : files) {
      known.add(f);
      for (int i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) known.add(f.substring(0, i + 1));
    }
    return unknownPaths(dir, known);
  }

  /** The paths under {@code dir} that are not {@code known} (a directory's content is not listed), sorted. */
  private static List<String> unknownPaths(Path dir, Set<String> known) {
    List<String> unknown = new ArrayList<>();
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
          if (d.equals(dir) || known.contains(relative(dir, d) + "/")) return FileVisitResult.CONTINUE;
          unknown.add(relative(dir, d) + "/");
          return FileVisitResult.SKIP_SUBTREE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
          String rel = relative(dir, f);
          boolean deadTemp = OrphanedTempFiles.orphanPid(f.getFileName().toString()).isPresent();
          if (!rel.equals(MARKER) && !known.contains(rel) && !deadTemp) unknown.add(rel);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    unknown.sort(null);
    return unknown;
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
        + ": it is not empty and is not r2led " + kind.name() + " output (found " + shown(names)
        + "); choose a new or empty directory");
  }

  /** The kind recorded in {@code dir}'s marker, or null when there is none (or it is unreadable). */
  public static String markerKind(Path dir) {
    Map<?, ?> m = marker(dir);
    Object k = m == null ? null : m.get("kind");
    return k == null ? null : k.toString();
  }

  /** The paths {@code dir}'s marker records, or null when it has no marker or the marker records none. */
  static List<String> markerPaths(Path dir) {
    Map<?, ?> m = marker(dir);
    return m != null && m.get("paths") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : null;
  }

  private static Map<?, ?> marker(Path dir) {
    Path m = dir.resolve(MARKER);
    if (!Files.isRegularFile(m)) return null;
    try {
      return Json.MAPPER.readValue(Files.readAllBytes(m), Map.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** {@code names} for a message: the first few, comma-separated, then "..." when there are more. */
  public static String shown(List<String> names) {
    return String.join(", ", names.subList(0, Math.min(SHOWN, names.size()))) + (names.size() > SHOWN ? ", ..." : "");
  }

  private static List<String> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
