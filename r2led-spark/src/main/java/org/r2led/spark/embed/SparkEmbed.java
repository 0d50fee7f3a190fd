package org.r2led.spark.embed;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.r2led.data.DatasetLayout;
import org.r2led.data.PreparedDataset;
import org.r2led.io.FileTrees;
import org.r2led.sid.embed.BgeSmallEncoder;
import org.r2led.sid.embed.FileEmbedder;
import org.r2led.sid.embed.TextEmbedder;
import scala.Tuple2;

/**
 * {@code spark embed}: item text → content vectors with the in-process sentence encoder
 * (bge-small-en-v1.5, {@link BgeSmallEncoder}), per partition on executors, written in the
 * vector-file format of {@code sid embed} ({@link FileEmbedder}: one line per item in dense order,
 * read back by {@code sid build --encoder file:PATH}). Each partition writes its part of the file;
 * the driver concatenates the parts. The vectors stay cached for {@link SidAssign}.
 */
public final class SparkEmbed {
  private SparkEmbed() {}

  /** Texts per encoder call (as {@code sid embed}). */
  static final int BATCH = 256;

  /** One item's vector. */
  public record Vector(int item, float[] values) implements java.io.Serializable {}

  /** Result: the vectors by dense item (cached; unpersist when done) and their dimension. */
  public record Result(JavaRDD<Vector> vectors, int items, int dim, String source) {}

  /**
   * Encodes every item's text and writes the vector file {@code out}.
   *
   * @param threadsPerTask ONNX intra-op threads of each task's encoder
   */
  public static Result run(SparkSession spark, PreparedDataset ds, Path out, int partitions, int threadsPerTask, PrintStream log) {
    long t0 = System.nanoTime();
    List<String> texts = ds.itemTexts();
    List<String> rawIds = ds.itemRawIds();
    TextEmbedder.requireTexts(texts, rawIds, ds.dir().resolve(DatasetLayout.ITEM_TEXT));
    int n = texts.size() - 1;
    List<Tuple2<Integer, String>> rows = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) rows.add(new Tuple2<>(i, texts.get(i)));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Vector> vectors = jsc.parallelize(rows, Math.max(1, Math.min(partitions, n)))
        .mapPartitions(it -> encode(it, threadsPerTask)).persist(StorageLevel.MEMORY_AND_DISK());
    long encoded = vectors.count();
    double sec = (System.nanoTime() - t0) / 1e9;
    if (log != null) {
      log.printf(Locale.ROOT, "  encoded %,d item texts with %s in %.1f s (%,.0f texts/s)%n", encoded,
          BgeSmallEncoder.MODEL_NAME, sec, encoded / sec);
    }
    String source = "text:" + BgeSmallEncoder.MODEL_NAME;
    int dim = vectors.first().values().length;
    writeVectorFile(vectors, rawIds, out, source, dim);
    return new Result(vectors, n, dim, source);
  }

  private static Iterator<Vector> encode(Iterator<Tuple2<Integer, String>> it, int threads) {
    List<Vector> out = new ArrayList<>();
    List<Integer> ids = new ArrayList<>(BATCH);
    List<String> batch = new ArrayList<>(BATCH);
    BgeSmallEncoder enc = EncoderPool.acquire(threads);
    try {
      while (it.hasNext() || !batch.isEmpty()) {
        if (it.hasNext()) {
          Tuple2<Integer, String> t = it.next();
          ids.add(t._1());
          batch.add(t._2());
        }
        if (batch.size() == BATCH || (!it.hasNext() && !batch.isEmpty())) {
          float[][] v = enc.encode(batch);
          for (int k = 0; k < v.length; k++) out.add(new Vector(ids.get(k), v[k]));
          ids.clear();
          batch.clear();
        }
      }
    } finally {
      EncoderPool.release(enc);
    }
    return out.iterator();
  }

  /** Each partition writes its lines to a part file next to {@code out}; the driver joins them in item order. */
  private static void writeVectorFile(JavaRDD<Vector> vectors, List<String> rawIds, Path out, String source, int dim) {
    Path parts = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".parts-" + ProcessHandle.current().pid());
    FileEmbedder.outputFile(out).checked(); // a file of the user's is refused before the job, not after
    try {
      FileTrees.delete(parts);
      Files.createDirectories(parts);
      String root = parts.toString();
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(vectors.context());
      org.apache.spark.broadcast.Broadcast<List<String>> ids = jsc.broadcast(rawIds);
      List<Integer> written = vectors.mapPartitionsWithIndex((p, it) -> {
        Path f = Path.of(root, String.format("part-%05d", p));
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
          while (it.hasNext()) {
            Vector v = it.next();
            FileEmbedder.writeLine(w, ids.value().get(v.item()), v.values());
          }
        }
        return Collections.singletonList(p).iterator();
      }, true).collect();
      FileEmbedder.outputFile(out).write(os -> {
        os.write(FileEmbedder.headerLine(source, dim).getBytes(StandardCharsets.UTF_8));
        for (int p = 0; p < written.size(); p++) Files.copy(parts.resolve(String.format("part-%05d", p)), os);
      });
      FileTrees.delete(parts);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write vector file " + out, e);
    }
  }

  /** {@code m} distinct items out of {@code n} (1-based), drawn with {@code seed}, ascending. */
  static int[] sample(int n, int m, long seed) {
    if (m >= n) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) all[i] = i + 1;
      return all;
    }
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) idx[i] = i + 1;
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < m; i++) {
      int j = i + r.nextInt(n - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] out = java.util.Arrays.copyOf(idx, m);
    java.util.Arrays.sort(out);
    return out;
  }
}
