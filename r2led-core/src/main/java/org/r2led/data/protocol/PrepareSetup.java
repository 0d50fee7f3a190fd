package org.r2led.data.protocol;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.r2led.data.Manifest;
import org.r2led.data.source.BadRows;
import org.r2led.data.source.GenericCsvReader;
import org.r2led.data.source.MovieLensReader;
import org.r2led.data.source.SourceData;
import org.r2led.data.source.SourceReading;
import org.r2led.data.source.TaobaoReader;

/**
 * What a preparation knows before reading any event: its input files (with checksums), label
 * source, parameters and cache key — shared by {@link DatasetPreparer} and distributed preparers.
 *
 * @param request the request
 * @param labels where labels come from
 * @param params parameters with the request's overrides (protocol {@code auto} values not yet resolved)
 * @param inputs input files as recorded in the manifest (file name, size, sha256)
 * @param cacheKey the manifest's {@code notes.cache_key}
 */
public record PrepareSetup(PrepareRequest request, SourceData.Labels labels, ProtocolParams params,
    List<Manifest.InputFile> inputs, String cacheKey) {

  /** Plans a request: lists and checksums its files, applies its overrides (unknown keys fail here). */
  public static PrepareSetup of(PrepareRequest req) {
    SourceInputs.Plan plan = SourceInputs.plan(req);
    return of(req, plan.files(), plan.labels());
  }

  /**
   * Plans a request whose input files and label source the caller determined (a reader outside the
   * core, e.g. Parquet events read by Spark): checksums the files, applies the overrides.
   */
  public static PrepareSetup of(PrepareRequest req, List<Path> files, SourceData.Labels labels) {
    ProtocolParams params = ProtocolParams.defaults(req.format(), ProtocolParams.protocolFor(labels), labels)
        .with(req.overrides());
    List<Manifest.InputFile> inputs = new ArrayList<>();
    for (Path f : files) {
      Manifest.InputFile full = Manifest.InputFile.of(f);
      inputs.add(new Manifest.InputFile(f.getFileName().toString(), full.bytes(), full.sha256()));
    }
    return new PrepareSetup(req, labels, params, inputs,
        DatasetPreparer.cacheKey(req.format(), inputs, params, req.skipBadRows()));
  }

  /** The reading parameters ({@code input.*}, {@code csv.*}) of a request, before its protocol is known. */
  public static ProtocolParams readingParams(PrepareRequest req) {
    return SourceInputs.early(req);
  }

  /** The bad-row policy of the request. */
  public BadRows badRows() {
    return SourceInputs.badRows(request, params);
  }

  /**
   * Opens the source split into its events file and the rest (reads the catalog now: MovieLens
   * movies, a generic items file). Amazon reviews are JSON lines, not rows: not supported here.
   */
  public SourceReading openReading(BadRows bad, PrintStream log) {
    PrepareRequest req = request;
    return switch (req.format()) {
      case MOVIELENS -> MovieLensReader.open(req.input(), params.integer("movielens.max_tags"), params.readOptions(), bad, log);
      case TAOBAO -> TaobaoReader.open(req.input(), params.readOptions(), log);
      case CSV -> GenericCsvReader.open(req.input(), req.items(), params.csvOptions(), params.readOptions(), bad, log);
      case AMAZON -> throw new IllegalArgumentException("amazon reviews (JSON lines) are not split into event rows;"
          + " prepare them with 'data prepare', or convert them to the generic CSV/TSV format");
    };
  }
}
