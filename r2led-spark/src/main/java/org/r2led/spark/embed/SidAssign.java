package org.r2led.spark.embed;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.r2led.data.PreparedDataset;
import org.r2led.io.StagedDir;
import org.r2led.sid.CodebookFiles;
import org.r2led.sid.Labeling;
import org.r2led.sid.SidBuildConfig;
import org.r2led.sid.SidBuilder;
import org.r2led.sid.SidQuality;
import org.r2led.sid.SidReport;
import org.r2led.sid.SidTable;
import org.r2led.sid.quant.CodebookSizes;
import org.r2led.sid.quant.Quantization;
import org.r2led.sid.quant.Quantizer;
import org.r2led.sid.quant.RqKMeansQuantizer;

/**
 * SID assignment of a whole catalog against codebooks fitted on a sample: the driver fits the
 * configured residual k-means ({@link SidBuilder#quantizer}) on at most {@code sample} items' vectors,
 * executors assign every item level by level ({@link RqKMeansQuantizer#assign}), and the driver adds
 * the disambiguation suffix and writes the SID directory of {@code sid build} (table, codebooks,
 * report) — so a 10^7-item catalog gets SIDs with only the sample and the codes on the driver.
 */
public final class SidAssign {
  private SidAssign() {}

  /** Default sample for the codebooks. */
  public static final int DEFAULT_SAMPLE = 200_000;

  /** Codes of one partition's items plus its summed squared residuals per level. */
  private record Part(int[] items, int[] codes, double[] sqResiduals) implements java.io.Serializable {}

  public static SidTable run(PreparedDataset ds, SparkEmbed.Result emb, SidBuildConfig cfg, int sample, Path out,
      PrintStream log) {
    long t0 = System.nanoTime();
    if (!cfg.quantizer().equals("rqkmeans")) {
      throw new IllegalArgumentException("spark embed assigns SIDs with residual k-means codebooks; quantizer '"
          + cfg.quantizer() + "' is not supported here (use sid build)");
    }
    int n = emb.items();
    int dim = emb.dim();
    if (n != ds.numItems()) throw new IllegalArgumentException("vectors cover " + n + " items; the dataset has " + ds.numItems());
    int[] sizes = CodebookSizes.resolve(cfg.codebookSizes(), cfg.levels(), n);
    Quantizer q = SidBuilder.quantizer(cfg, sizes);
    int[] chosen = SparkEmbed.sample(n, Math.min(n, sample), cfg.seed());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(emb.vectors().context());
    Broadcast<int[]> chosenBc = jsc.broadcast(chosen);
    List<SparkEmbed.Vector> picked = new ArrayList<>(emb.vectors()
        .filter(v -> Arrays.binarySearch(chosenBc.value(), v.item()) >= 0).collect());
    picked.sort((a, b) -> Integer.compare(a.item(), b.item()));
    float[] x = new float[picked.size() * dim];
    for (int i = 0; i < picked.size(); i++) System.arraycopy(picked.get(i).values(), 0, x, i * dim, dim);
    if (log != null) log.printf(Locale.ROOT, "  fitting %s on %,d of %,d items%n", q.describe(), picked.size(), n);
    Quantization fit = q.quantize(x, picked.size(), dim, log == null ? null : m -> log.println("  " + m));
    double fitSeconds = (System.nanoTime() - t0) / 1e9;

    long t1 = System.nanoTime();
    float[][] codewords = fit.codebooks().stream().map(Quantization.Codebook::vectors).toArray(float[][]::new);
    Broadcast<float[][]> books = jsc.broadcast(codewords);
    List<Part> parts = emb.vectors().mapPartitions(it -> Collections.singletonList(assign(it, books.value(), sizes, dim)).iterator())
        .collect();
    int levels = sizes.length;
    int[] codes = new int[n * levels];
    double[] sq = new double[levels + 1];
    for (Part p : parts) {
      for (int k = 0; k < p.items().length; k++) System.arraycopy(p.codes(), k * levels, codes, (p.items()[k] - 1) * levels, levels);
      for (int l = 0; l <= levels; l++) sq[l] += p.sqResiduals()[l];
    }
    double[] mse = new double[levels + 1];
    for (int l = 0; l <= levels; l++) mse[l] = sq[l] / n;
    Map<String, Object> details = new LinkedHashMap<>(fit.details());
    details.put("sampleItems", picked.size());
    details.put("assignedItems", n);
    details.put("assignedBy", "spark executors, nearest codeword per level (RqKMeansQuantizer.assign)");
    Quantization all = new Quantization(n, sizes, codes, fit.codebooks(), fit.codebookSpace(), mse, details);
    double assignSeconds = (System.nanoTime() - t1) / 1e9;

    SidTable table = SidBuilder.assemble(ds.manifest().fingerprint(), all, dim, emb.source(), q.describe(), cfg);
    try (StagedDir dir = StagedDir.open(out, SidTable.KIND)) {
      Path stage = dir.stage();
      table.save(stage);
      CodebookFiles.write(stage, all);
      Map<String, Double> seconds = new LinkedHashMap<>();
      seconds.put("quantization", Math.round(fitSeconds * 1000) / 1000.0);
      seconds.put("assignment", Math.round(assignSeconds * 1000) / 1000.0);
      SidQuality quality = SidQuality.of(table, Labeling.of(ds), cfg.seed());
      Map<String, Object> encoderDetails = new LinkedHashMap<>();
      encoderDetails.put("dim", dim);
      encoderDetails.put("encodedBy", "spark executors");
      new SidReport(ds.dir().toString(), ds.manifest().fingerprint(), ds.manifest().source(), n, emb.source(), encoderDetails,
          dim, q.describe(), details, mse, quality, seconds).write(stage);
      dir.commit();
    }
    if (log != null) {
      log.printf(Locale.ROOT, "  assigned SIDs to %,d items (fit %.1f s, assignment %.1f s); wrote %s%n", n, fitSeconds,
          assignSeconds, out);
    }
    return table;
  }

  private static Part assign(Iterator<SparkEmbed.Vector> it, float[][] codewords, int[] sizes, int dim) {
    List<Quantization.Codebook> books = new ArrayList<>();
    for (int l = 0; l < sizes.length; l++) books.add(new Quantization.Codebook(sizes[l], dim, codewords[l]));
    List<SparkEmbed.Vector> vs = new ArrayList<>();
    it.forEachRemaining(vs::add);
    int[] items = new int[vs.size()];
    float[] x = new float[vs.size() * dim];
    for (int i = 0; i < vs.size(); i++) {
      items[i] = vs.get(i).item();
      System.arraycopy(vs.get(i).values(), 0, x, i * dim, dim);
    }
    double[] sq = new double[books.size() + 1];
    int[] codes = RqKMeansQuantizer.assign(books, x, vs.size(), dim, sq);
    return new Part(items, codes, sq);
  }
}
