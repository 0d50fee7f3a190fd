package org.r2led.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The integrity layer of checkpoint files: the versioned preamble (magic, body length, CRC32C of
 * the body), its verification before anything is parsed, and the refusal of non-finite values.
 * Version 1 files (no preamble checksum) are still read; their length is checked against the header.
 */
final class CheckpointIntegrity {
  private CheckpointIntegrity() {}

  static final String MAGIC_PREFIX = "R2LEDCK";
  static final byte[] MAGIC_V1 = (MAGIC_PREFIX + "1").getBytes(StandardCharsets.US_ASCII);
  static final byte[] MAGIC_V2 = (MAGIC_PREFIX + "2").getBytes(StandardCharsets.US_ASCII);
  /** Version 2 preamble: magic, long body length, int CRC32C of the body. */
  static final int PREAMBLE_V2 = 8 + 8 + 4;

  /**
   * Checks the magic, length and (version 2) checksum of {@code file}; returns the offset of the
   * body (int header length, JSON header, payload). Fails naming the file and the cause.
   */
  static long verify(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer pre = ByteBuffer.allocate(PREAMBLE_V2).order(ByteOrder.LITTLE_ENDIAN);
      while (pre.hasRemaining() && ch.read(pre) > 0) {
        // fill the preamble (shorter at end of file)
      }
      byte[] magic = Arrays.copyOf(pre.array(), Math.min(8, pre.position()));
      if (Arrays.equals(magic, MAGIC_V1)) return MAGIC_V1.length;
      if (!Arrays.equals(magic, MAGIC_V2)) {
        String m = new String(magic, StandardCharsets.US_ASCII);
        throw new IllegalArgumentException(m.startsWith(MAGIC_PREFIX) && m.length() == 8
            ? "checkpoint " + file + " has format version " + m.charAt(7) + "; this build reads versions 1 and 2"
            : file + " is not an r2led checkpoint" + (size < 8 ? " (truncated at byte " + size + ")" : ""));
      }
      if (size < PREAMBLE_V2) throw truncated(file, size, PREAMBLE_V2);
      long body = pre.getLong(8);
      int expected = pre.getInt(16);
      long total = PREAMBLE_V2 + body;
      if (size < total) throw truncated(file, size, total);
      if (size > total) {
        throw new IllegalArgumentException("checkpoint " + file + " is damaged: " + size + " bytes, its preamble says " + total);
      }
      CRC32C crc = new CRC32C();
      ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16);
      while (ch.read(buf) > 0) {
        buf.flip();
        crc.update(buf);
        buf.clear();
      }
      int got = (int) crc.getValue();
      if (got != expected) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "checkpoint %s is damaged: checksum mismatch (CRC32C expected %08x, got %08x)", file, expected, got));
      }
      return PREAMBLE_V2;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e, e);
    }
  }

  static IllegalArgumentException truncated(Path file, long size, long expected) {
    return new IllegalArgumentException("checkpoint " + file + " is truncated at byte " + size + " of " + expected
        + " (was its write interrupted?)");
  }

  /** Fails naming the file and {@code what} when {@code a} holds NaN or an infinity. */
  static void requireFinite(Path file, String what, float[] a) {
    for (int i = 0; i < a.length; i++) {
      if (!Float.isFinite(a[i])) {
        throw new IllegalArgumentException("checkpoint " + file + ": " + what + " holds " + a[i] + " at index " + i
            + " (the run diverged or the file was altered); refusing to load it");
      }
    }
  }
}
