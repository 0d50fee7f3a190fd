package org.r2led.io;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Tags the PNG images this tool renders with a {@code tEXt} chunk {@code Software: r2led} (right
 * after the header chunk) and recognises a tagged image, so a chart is never written over a picture
 * of the user's ({@link ToolFile#png}).
 */
public final class PngText {
  private PngText() {}

  private static final byte[] MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final byte[] TEXT = "Software\0r2led".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] TYPE = "tEXt".getBytes(StandardCharsets.US_ASCII);

  /** {@code png} with the tag inserted after its first chunk (IHDR); fails when it is not a PNG. */
  public static byte[] sign(byte[] png) {
    if (!isPng(png) || png.length < 16) throw new IllegalArgumentException("not a PNG image");
    int at = 8 + 12 + ByteBuffer.wrap(png, 8, 4).getInt();
    ByteBuffer chunk = ByteBuffer.allocate(12 + TEXT.length).putInt(TEXT.length).put(TYPE).put(TEXT);
    CRC32 crc = new CRC32();
    crc.update(chunk.array(), 4, 4 + TEXT.length);
    chunk.putInt((int) crc.getValue());
    ByteBuffer out = ByteBuffer.allocate(png.length + chunk.capacity());
    out.put(png, 0, at).put(chunk.array()).put(png, at, png.length - at);
    return out.array();
  }

  /** Whether {@code bytes} are a PNG image carrying the tag. */
  public static boolean signed(byte[] bytes) {
    if (!isPng(bytes)) return false;
    ByteBuffer b = ByteBuffer.wrap(bytes);
    for (int at = 8; at + 8 <= bytes.length; ) {
      int len = b.getInt(at);
      if (len < 0 || at + 12L + len > bytes.length) return false;
      if (len == TEXT.length && Arrays.equals(bytes, at + 4, at + 8, TYPE, 0, 4)
          && Arrays.equals(bytes, at + 8, at + 8 + len, TEXT, 0, len)) {
        return true;
      }
      at += 12 + len;
    }
    return false;
  }

  private static boolean isPng(byte[] bytes) {
    return bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }
}
