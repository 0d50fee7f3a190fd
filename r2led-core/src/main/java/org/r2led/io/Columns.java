package org.r2led.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Little-endian binary column files: streaming writers and memory-mapped readers.
 *
 * <p>A column file is a bare array of fixed-width values (no header); its element type is
 * given by the file-name suffix by convention ({@code .i8}, {@code .i32}, {@code .i64}, {@code .f32}).
 * Readers map the file read-only; a single column is limited to 2 GiB.
 */
public final class Columns {
  private Columns() {}

  /** Maps a column file read-only in little-endian order. */
  public static ByteBuffer map(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE) {
        throw new IllegalStateException("column file " + file + " is " + size
            + " bytes; a single column is limited to 2 GiB");
      }
      MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
      return buf.order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot map column file " + file, e);
    }
  }

  public static IntBuffer mapInts(Path file) { return map(file).asIntBuffer(); }

  public static LongBuffer mapLongs(Path file) { return map(file).asLongBuffer(); }

  public static FloatBuffer mapFloats(Path file) { return map(file).asFloatBuffer(); }

  public static ByteBuffer mapBytes(Path file) { return map(file); }

  /** Reads a whole int column into a heap array. */
  public static int[] readInts(Path file) {
    IntBuffer b = mapInts(file);
    int[] out = new int[b.remaining()];
    b.get(out);
    return out;
  }

  /** Reads a whole long column into a heap array. */
  public static long[] readLongs(Path file) {
    LongBuffer b = mapLongs(file);
    long[] out = new long[b.remaining()];
    b.get(out);
    return out;
  }

  /** Reads a whole float column into a heap array. */
  public static float[] readFloats(Path file) {
    FloatBuffer b = mapFloats(file);
    float[] out = new float[b.remaining()];
    b.get(out);
    return out;
  }

  /** Reads a whole byte column into a heap array. */
  public static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read column file " + file, e);
    }
  }

  public static void writeInts(Path file, int[] values) {
    try (Writer w = new Writer(file)) { for (int v : values) w.putInt(v); }
  }

  public static void writeLongs(Path file, long[] values) {
    try (Writer w = new Writer(file)) { for (long v : values) w.putLong(v); }
  }

  public static void writeFloats(Path file, float[] values) {
    try (Writer w = new Writer(file)) { for (float v : values) w.putFloat(v); }
  }

  public static void writeBytes(Path file, byte[] values) {
    try (Writer w = new Writer(file)) { for (byte v : values) w.putByte(v); }
  }

  /**
   * Streaming little-endian writer for one column file (buffered; constant memory).
   * Unchecked I/O errors name the file.
   */
  public static final class Writer implements AutoCloseable {
    private final Path file;
    private final OutputStream out;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private long count;

    public Writer(Path file) {
      this.file = file;
      try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create column file " + file, e);
      }
    }

    private void ensure(int bytes) {
      if (buf.remaining() < bytes) flushBuffer();
    }

    private void flushBuffer() {
      try {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write column file " + file, e);
      }
    }

    public void putInt(int v) { ensure(4); buf.putInt(v); count++; }

    public void putLong(long v) { ensure(8); buf.putLong(v); count++; }

    public void putFloat(float v) { ensure(4); buf.putFloat(v); count++; }

    public void putByte(byte v) { ensure(1); buf.put(v); count++; }

    /** Number of values written so far. */
    public long count() { return count; }

    @Override
    public void close() {
      flushBuffer();
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close column file " + file, e);
      }
    }
  }
}
