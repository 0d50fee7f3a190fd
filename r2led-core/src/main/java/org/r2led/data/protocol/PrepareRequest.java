package org.r2led.data.protocol;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.r2led.data.source.SourceFormat;

/**
 * What to prepare.
 *
 * @param format source format
 * @param input MovieLens directory, Taobao CSV file, generic events file, or Amazon reviews file or directory
 * @param items generic items file (csv) or Amazon metadata file (amazon); may be null
 * @param out output dataset directory
 * @param skipBadRows skip malformed rows (counted, first examples reported) instead of failing
 * @param overrides protocol parameters {@code key → value} ({@link ProtocolParams})
 * @param force rebuild even when the cache key matches
 */
public record PrepareRequest(SourceFormat format, Path input, Path items, Path out, boolean skipBadRows,
    Map<String, String> overrides, boolean force) {
  public PrepareRequest {
    if (format == null || input == null || out == null) throw new IllegalArgumentException("format, input and out are required");
    if (items != null && format != SourceFormat.CSV && format != SourceFormat.AMAZON) {
      throw new IllegalArgumentException("an items file is only read with --source csv or amazon (MovieLens reads its movies file from its directory)");
    }
    overrides = overrides == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(overrides));
  }

  /** A request with default options. */
  public static PrepareRequest of(SourceFormat format, Path input, Path out) {
    return new PrepareRequest(format, input, null, out, false, Map.of(), false);
  }
}
