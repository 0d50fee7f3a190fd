package org.r2led.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Whole-directory-tree file operations. */
public final class FileTrees {
  private FileTrees() {}

  /** Deletes {@code p} and everything under it, if present (symlinks are removed, not followed); returns the bytes freed. */
  public static long delete(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return 0;
    long bytes = 0;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        if (Files.isRegularFile(q, LinkOption.NOFOLLOW_LINKS)) bytes += Files.size(q);
        Files.delete(q);
      }
    }
    return bytes;
  }

  /**
   * Copies the tree {@code from} to {@code to} (created; must not exist yet): directories and files,
   * symbolic links copied as links (not followed).
   */
  public static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path d = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) Files.createDirectories(d);
        else Files.copy(p, d, LinkOption.NOFOLLOW_LINKS);
      }
    }
  }
}
