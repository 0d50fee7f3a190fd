package org.r2led.data.source;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How every reader decodes its files.
 *
 * @param encoding {@code auto} (UTF-8, except files a layout documents in another encoding, such as
 *     MovieLens 100K {@code u.item}) or a charset name ({@code --encoding}), which then applies to every file
 * @param timestampUnit unit of the timestamps ({@code --timestamp-unit}; {@link TimestampColumn})
 * @param maxLineBytes longest row in bytes ({@code --max-line-bytes}): a line, or the lines of one quoted
 *     field; a longer row is a bad row, and the reader stops buffering it at this length
 */
public record ReadOptions(String encoding, TimestampUnit timestampUnit, int maxLineBytes) {
  public static final String AUTO = "auto";
  /** Default longest row: 1 MiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
  /** Smallest row limit accepted: one id of the longest length. */
  public static final int MIN_MAX_LINE_BYTES = org.r2led.data.Ids.MAX_BYTES;

  public ReadOptions {
    if (encoding == null || encoding.isBlank()) encoding = AUTO;
    if (timestampUnit == null) timestampUnit = TimestampUnit.AUTO;
    if (!encoding.equals(AUTO)) TextInput.charset(encoding);
    checkMaxLineBytes(maxLineBytes);
  }

  /** Options with the default row limit. */
  public ReadOptions(String encoding, TimestampUnit timestampUnit) {
    this(encoding, timestampUnit, DEFAULT_MAX_LINE_BYTES);
  }

  /** UTF-8 (files documented otherwise aside), detected timestamp units, the default row limit. */
  public static ReadOptions defaults() {
    return new ReadOptions(AUTO, TimestampUnit.AUTO);
  }

  /** Fails unless {@code n} is a usable row limit. */
  static void checkMaxLineBytes(long n) {
    if (n < MIN_MAX_LINE_BYTES || n > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("--max-line-bytes (input.max_line_bytes) " + n + ": expected " + MIN_MAX_LINE_BYTES + ".." + (Integer.MAX_VALUE - 16)
          + " (default " + DEFAULT_MAX_LINE_BYTES + " = 1 MiB)");
    }
  }

  /** The charset of a file whose documented encoding is {@code documented} (UTF-8 when null). */
  public Charset charset(Charset documented) {
    if (!encoding.equals(AUTO)) return TextInput.charset(encoding);
    return documented == null ? StandardCharsets.UTF_8 : documented;
  }

  /** The charset of a file with no documented encoding. */
  public Charset charset() {
    return charset(null);
  }

  /** The dialect of a file split by {@code delimiter}, in its documented encoding (UTF-8 when null), with this row limit. */
  public CsvReader.Dialect dialect(String delimiter, boolean quoting, Charset documented) {
    return new CsvReader.Dialect(delimiter, quoting, charset(documented), maxLineBytes);
  }
}
