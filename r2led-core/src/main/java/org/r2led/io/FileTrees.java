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
}
