package org.r2led.sid;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r2led.data.PreparedDataset;
import org.r2led.io.Columns;
import org.r2led.io.StagedDir;
import org.r2led.sid.embed.BgeSmallEncoder;
import org.r2led.sid.embed.CooccurrenceEmbedder;
import org.r2led.sid.embed.FileEmbedder;
import org.r2led.sid.embed.ItemEmbedder;
import org.r2led.sid.embed.ItemEmbeddings;
import org.r2led.sid.embed.TextEmbedder;
import org.r2led.sid.quant.CodebookSizes;
import org.r2led.sid.quant.Quantization;
import org.r2led.sid.quant.Quantizer;
import org.r2led.sid.quant.RqKMeansQuantizer;
import org.r2led.sid.quant.RqVaeQuantizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Library entry point for Semantic IDs: content vectors → residual quantization → disambiguation
 * suffix → {@link SidTable} + codebooks + report in an output directory.
 *
 * <p>Output directory: {@code sid.json} + {@code codes.i32} ({@link SidTable}), {@code codebooks/}
 * ({@link CodebookFiles}), {@code report.json} + {@code report.md} ({@link SidReport}), optionally
 * {@code embeddings.f32} (row-major {@code (items+1) × dim}, row 0 zero), and the text-embedding cache
 * {@code embedding-cache/} unless another cache directory is configured.
 */
public final class SidBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(SidBuilder.class);
  private SidBuilder() {}

  public static final String EMBEDDINGS_FILE = "embeddings.f32";
  /** Default text-embedding cache directory inside the output. */
  public static final String CACHE_DIR = "embedding-cache";

  /** Builds SIDs for {@code data} into {@code out} and returns the table. */
  public static SidTable build(PreparedDataset data, SidBuildConfig cfg, Path out) {
    try (StagedDir dir = StagedDir.open(out, SidTable.KIND)) {
      Path stage = dir.stage();
      if (cfg.cacheDir() == null) carryCache(out.resolve(CACHE_DIR), stage.resolve(CACHE_DIR));
      Map<String, Double> seconds = new LinkedHashMap<>();
      long t0 = System.nanoTime();
      ItemEmbedder embedder = embedder(data, cfg, stage);
      LOG.info("sid: embedding {} items with {}", data.numItems(), embedder.name());
      ItemEmbeddings emb = embedder.embed(data);
      seconds.put("embedding", secs(t0));
      SidTable t = writeInto(stage, data, emb, cfg, seconds);
      dir.commit();
      LOG.info("sid: wrote {} and {}", out.resolve(SidTable.META_FILE), out.resolve(SidReport.MD_FILE));
      return t;
    }
  }

  /** Builds SIDs from already computed content vectors {@code emb}. */
  public static SidTable build(PreparedDataset data, ItemEmbeddings emb, SidBuildConfig cfg, Path out) {
    try (StagedDir dir = StagedDir.open(out, SidTable.KIND)) {
      SidTable t = writeInto(dir.stage(), data, emb, cfg, new LinkedHashMap<>());
      dir.commit();
      return t;
    }
  }

  /** Copies the default text-embedding cache of the previous output into the staging directory. */
  static void carryCache(Path from, Path to) {
    if (!Files.isDirectory(from)) return;
    try (java.util.stream.Stream<Path> s = Files.list(from)) {
      Files.createDirectories(to);
      for (Path f : s.filter(Files::isRegularFile).toList()) Files.copy(f, to.resolve(f.getFileName()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot carry the embedding cache " + from + " over", e);
    }
  }

  /** Writes the table, codebooks, optional vectors and report into {@code out} (a staging directory). */
  private static SidTable writeInto(Path out, PreparedDataset data, ItemEmbeddings emb, SidBuildConfig cfg,
      Map<String, Double> seconds) {
    int n = data.numItems();
    if (emb.numItems() != n) {
      throw new IllegalArgumentException("embeddings cover " + emb.numItems() + " items; the dataset has " + n);
    }
    int[] sizes = CodebookSizes.resolve(cfg.codebookSizes(), cfg.levels(), n);
    Quantizer q = quantizer(cfg, sizes);
    LOG.info("sid: quantizing {} × {} with {}", n, emb.dim(), q.describe());
    long t1 = System.nanoTime();
    Quantization qz = q.quantize(emb.itemMatrix(), n, emb.dim(), msg -> LOG.info("sid: {}", msg));
    seconds.put("quantization", secs(t1));

    long t2 = System.nanoTime();
    SidTable table = assemble(data.manifest().fingerprint(), qz, emb, q.describe(), cfg);
    try {
      Files.createDirectories(out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + out, e);
    }
    table.save(out);
    CodebookFiles.write(out, qz);
    if (cfg.saveEmbeddings()) {
      float[] rows = new float[(n + 1) * emb.dim()];
      System.arraycopy(emb.itemMatrix(), 0, rows, emb.dim(), n * emb.dim());
      Columns.writeFloats(out.resolve(EMBEDDINGS_FILE), rows);
    }
    SidQuality quality = SidQuality.of(table, Labeling.of(data), cfg.seed());
    seconds.put("report", secs(t2));
    SidReport report = new SidReport(data.dir().toString(), data.manifest().fingerprint(), data.manifest().source(), n,
        emb.source(), emb.details(), emb.dim(), q.describe(), qz.details(), qz.mseByLevels(), quality, seconds);
    report.write(out);
    return table;
  }

  /** Codes → SID table: quantizer codes shifted to 1..K plus the disambiguation suffix level. */
  static SidTable assemble(String fingerprint, Quantization qz, ItemEmbeddings emb, String quantizer,
      SidBuildConfig cfg) {
    return assemble(fingerprint, qz, emb.dim(), emb.source(), quantizer, cfg);
  }

  /** {@link #assemble(String, Quantization, ItemEmbeddings, String, SidBuildConfig)} from the vectors' dim and source name. */
  public static SidTable assemble(String fingerprint, Quantization qz, int dim, String source, String quantizer,
      SidBuildConfig cfg) {
    int n = qz.n();
    int sl = qz.levels();
    int[] sem = new int[(n + 1) * sl];
    for (int i = 1; i <= n; i++) for (int l = 0; l < sl; l++) sem[i * sl + l] = qz.code(i - 1, l) + 1;
    CollisionSuffix.Result cs = CollisionSuffix.compute(sem, n, sl);
    int levels = sl + 1;
    int[] codes = new int[(n + 1) * levels];
    for (int i = 1; i <= n; i++) {
      System.arraycopy(sem, i * sl, codes, i * levels, sl);
      codes[i * levels + sl] = cs.suffix()[i];
    }
    int[] sizes = new int[levels];
    System.arraycopy(qz.codebookSizes(), 0, sizes, 0, sl);
    sizes[sl] = cs.maxGroupSize();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("seed", cfg.seed());
    extra.put("embeddingDim", dim);
    extra.put("collisionRate", cs.collisionRate());
    extra.put("maxItemsPerSemanticCode", cs.maxGroupSize());
    extra.put("codebookSpace", qz.codebookSpace());
    return new SidTable(new SidTable.Meta(fingerprint, n, sizes, sl, source, quantizer, extra), codes);
  }

  /** The embedder named by {@code cfg.encoder()} (or chosen automatically from the data). */
  public static ItemEmbedder embedder(PreparedDataset data, SidBuildConfig cfg, Path out) {
    String enc = cfg.encoder() == null ? autoEncoder(data) : cfg.encoder();
    if (enc.startsWith("file:")) return new FileEmbedder(Path.of(enc.substring(5)));
    if (enc.equals("cooccurrence")) {
      CooccurrenceEmbedder.Config d = CooccurrenceEmbedder.Config.defaults(cfg.seed());
      return new CooccurrenceEmbedder(new CooccurrenceEmbedder.Config(d.window(), d.itemDim(), d.categoryDim(),
          d.categoryWeight(), d.iterations(), cfg.seed(), cfg.threads()));
    }
    Path cache = cfg.cacheDir() != null ? cfg.cacheDir() : out.resolve(CACHE_DIR);
    return new TextEmbedder(cfg.threads() > 0 ? new BgeSmallEncoder(cfg.threads()) : new BgeSmallEncoder(), cache, 256);
  }

  /** {@code text} when every item has text, {@code cooccurrence} when none has; mixed is an error. */
  static String autoEncoder(PreparedDataset data) {
    List<String> texts = data.itemTexts();
    int withText = 0;
    int firstWithout = -1;
    for (int i = 1; i < texts.size(); i++) {
      if (!texts.get(i).isBlank()) withText++;
      else if (firstWithout < 0) firstWithout = i;
    }
    if (withText == texts.size() - 1) return "text";
    if (withText == 0) return "cooccurrence";
    throw new IllegalArgumentException(withText + " of " + (texts.size() - 1) + " items have text but item "
        + data.itemRawIds().get(firstWithout) + " (dense id " + firstWithout + ") has none; choose --encoder text"
        + " (fill in the missing texts), cooccurrence or file:PATH explicitly");
  }

  /** The quantizer {@code cfg} names, with these codebook sizes. */
  public static Quantizer quantizer(SidBuildConfig cfg, int[] sizes) {
    return cfg.quantizer().equals("rqvae") ? new RqVaeQuantizer(RqVaeQuantizer.Config.defaults(sizes, cfg.seed()))
        : new RqKMeansQuantizer(sizes, cfg.seed(), cfg.threads());
  }

  private static double secs(long t0) {
    return Math.round((System.nanoTime() - t0) / 1e6) / 1000.0;
  }
}
