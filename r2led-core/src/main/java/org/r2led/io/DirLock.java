package org.r2led.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive, non-blocking lock on an output directory, held as an OS file lock on the sibling
 * file {@code .<name>.lock} (beside the directory, so it survives the directory being swapped). The
 * holder writes its PID into the file; a second writer fails at once with that PID. The OS releases
 * the lock when the holder dies (also on {@code kill -9}), so a stale lock file never blocks anyone.
 * The lock file itself is left in place: deleting it would let two writers lock different inodes.
 *
 * <p>The directory is named by its real path ({@link #realPath}): a writer through a symbolic link and
 * one through the real path take the same lock, and the link is left pointing at the new content.
 */
public final class DirLock implements AutoCloseable {
  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private DirLock(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file guarding {@code dir} (beside its real path). */
  public static Path lockFile(Path dir) {
    Path abs = realPath(dir);
    return abs.resolveSibling("." + abs.getFileName() + ".lock");
  }

  /**
   * {@code dir} as the real path it names, whether or not it exists yet: symbolic links are resolved
   * in the longest existing prefix ({@link Path#toRealPath}), a dangling link is followed to where it
   * points, and the missing rest is appended.
   */
  public static Path realPath(Path dir) {
    Path p = dir.toAbsolutePath().normalize();
    try {
      for (int hops = 0; hops < 40; hops++) {
        int n = p.getNameCount();
        int k = n;
        while (k > 0 && !Files.exists(p.getRoot().resolve(p.subpath(0, k)))) k--;
        Path real = (k == 0 ? p.getRoot() : p.getRoot().resolve(p.subpath(0, k))).toRealPath();
        if (k == n) return real;
        Path next = real.resolve(p.getName(k));
        if (!Files.isSymbolicLink(next)) return real.resolve(p.subpath(k, n));
        Path to = real.resolve(Files.readSymbolicLink(next)).normalize(); // a dangling link: follow it
        p = k + 1 < n ? to.resolve(p.subpath(k + 1, n)) : to;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + dir, e);
    }
    throw new IllegalArgumentException("cannot resolve " + dir + ": too many levels of symbolic links");
  }

  /**
   * Locks {@code dir} (which need not exist yet; its parent is created) or throws
   * {@link LockedException} naming the holder's PID.
   */
  public static DirLock acquire(Path dir) {
    Path abs = realPath(dir);
    if (abs.getParent() == null) throw new IllegalArgumentException("cannot write to the root directory " + abs);
    Path file = lockFile(abs);
    FileChannel ch = null;
    try {
      Files.createDirectories(abs.getParent());
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null; // held by this very process
      }
      if (l == null) {
        String holder = holder(file);
        ch.close();
        throw new LockedException(abs, holder);
      }
      byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(pid), 0);
      ch.force(false);
      return new DirLock(abs, ch, l);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new UncheckedIOException("cannot lock " + abs + " (lock file " + file + ")", e);
    }
  }

  private static String holder(Path file) {
    try {
      String s = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return s.isEmpty() ? "unknown" : s;
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch == null) return;
    try {
      ch.close();
    } catch (IOException ignored) {
      // nothing more to release
    }
  }

  /** The locked directory (its real path). */
  public Path dir() { return dir; }

  @Override
  public void close() {
    try {
      if (lock.isValid()) lock.release();
    } catch (IOException ignored) {
      // the channel close below releases it as well
    }
    closeQuietly(channel);
  }

  /** Another writer holds the directory. */
  public static final class LockedException extends IllegalStateException {
    private final String holderPid;

    LockedException(Path dir, String holderPid) {
      super(dir + " is being written by another r2led process (PID " + holderPid + ", lock file "
          + lockFile(dir) + "); wait for it to finish or choose another output directory");
      this.holderPid = holderPid;
    }

    /** The PID the holder wrote into the lock file ("unknown" if unreadable). */
    public String holderPid() { return holderPid; }
  }
}
