package org.r2led.data.protocol;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.r2led.data.source.AmazonInputs;
import org.r2led.data.source.AmazonReader;
import org.r2led.data.source.BadRows;
import org.r2led.data.source.GenericCsvReader;
import org.r2led.data.source.MovieLensReader;
import org.r2led.data.source.SourceData;
import org.r2led.data.source.SourceFormat;
import org.r2led.data.source.TaobaoReader;

/**
 * The reading half of {@link DatasetPreparer}: which files a request reads and where its labels come
 * from (known before reading, for the cache key and the protocol), and the reader that parses them.
 */
final class SourceInputs {
  private SourceInputs() {}

  /** The input files (recorded with their checksums) and the label source of a request. */
  record Plan(List<Path> files, SourceData.Labels labels) {}

  static Plan plan(PrepareRequest req) {
    return switch (req.format()) {
      case MOVIELENS -> new Plan(MovieLensReader.inputFiles(req.input(), early(req).readOptions()), SourceData.Labels.RATING);
      case TAOBAO -> new Plan(List.of(TaobaoReader.inputFile(req.input())), SourceData.Labels.NONE);
      case AMAZON -> new Plan(AmazonInputs.of(req.input(), req.items()).files(), SourceData.Labels.RATING);
      case CSV -> {
        if (!Files.isRegularFile(req.input())) {
          throw new IllegalArgumentException("csv input must be an events file: " + req.input());
        }
        ProtocolParams p = early(req);
        SourceData.Labels labels = GenericCsvReader.labels(GenericCsvReader.eventsHeader(req.input(), p.csvOptions(), p.readOptions()));
        yield new Plan(req.items() == null ? List.of(req.input()) : List.of(req.input(), req.items()), labels);
      }
    };
  }

  /** The reading parameters ({@code input.*}, {@code csv.*}) of a request, before its protocol is known. */
  static ProtocolParams early(PrepareRequest req) {
    Map<String, String> reading = new TreeMap<>();
    req.overrides().forEach((k, v) -> {
      if (k.startsWith("input.") || (req.format() == SourceFormat.CSV && k.startsWith("csv."))) reading.put(k, v);
    });
    return ProtocolParams.defaults(req.format(), "click", SourceData.Labels.NONE).with(reading);
  }

  /** The bad-row policy of a request. */
  static BadRows badRows(PrepareRequest req, ProtocolParams params) {
    return new BadRows(req.skipBadRows(), params.dbl(ProtocolParams.INPUT_MAX_BAD_ROWS_SHARE));
  }

  /** Parses the request's source. */
  static SourceData read(PrepareRequest req, ProtocolParams params, BadRows bad, PrintStream log) {
    return switch (req.format()) {
      case MOVIELENS -> MovieLensReader.read(req.input(), params.integer("movielens.max_tags"), params.readOptions(), bad, log);
      case TAOBAO -> TaobaoReader.read(req.input(), params.readOptions(), bad, log);
      case AMAZON -> AmazonReader.read(AmazonInputs.of(req.input(), req.items()), params.readOptions(), bad, log);
      case CSV -> GenericCsvReader.read(req.input(), req.items(), params.csvOptions(), params.readOptions(), bad, log);
    };
  }
}
