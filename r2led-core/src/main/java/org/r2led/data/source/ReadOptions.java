package org.r2led.data.source;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How every reader decodes its files.
 *
 * @param encoding {@code auto} (UTF-8, except files a layout documents in another encoding, such as
 *     MovieLens 100K {@code u.item}) or a charset name ({@code --encoding}), which then applies to every file
 * @param timestampUnit unit of the timestamps ({@code --timestamp-unit}; {@link TimestampColumn})
 */
public record ReadOptions(String encoding, TimestampUnit timestampUnit) {
  public static final String AUTO = "auto";

  public ReadOptions {
    if (encoding == null || encoding.isBlank()) encoding = AUTO;
    if (timestampUnit == null) timestampUnit = TimestampUnit.AUTO;
    if (!encoding.equals(AUTO)) TextInput.charset(encoding);
  }

  /** UTF-8 (files documented otherwise aside) and detected timestamp units. */
  public static ReadOptions defaults() {
    return new ReadOptions(AUTO, TimestampUnit.AUTO);
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
}
