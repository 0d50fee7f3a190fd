package org.r2led.spark.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.data.protocol.DatasetPreparer;
import org.r2led.data.protocol.PrepareRequest;
import org.r2led.data.source.SourceFormat;
import org.r2led.sid.CodebookFiles;
import org.r2led.sid.SidBuildConfig;
import org.r2led.sid.SidTable;
import org.r2led.sid.embed.BgeSmallEncoder;
import org.r2led.sid.embed.FileEmbedder;
import org.r2led.sid.embed.ItemEmbeddings;
import org.r2led.sid.quant.Quantization;
import org.r2led.sid.quant.RqKMeansQuantizer;
import org.r2led.spark.SparkTestBase;

/**
 * {@code spark embed} on a small catalog: the vector file holds the sentence encoder's vectors of every
 * item (as the local encoder computes them), and the SIDs the executors assign equal the local
 * assignment against the same codebooks.
 */
class SparkEmbedAssignTest extends SparkTestBase {
  static final String[] WORDS = {"space", "pirate", "romance", "detective", "dragon", "kitchen", "jazz", "robot",
      "ocean", "winter", "comedy", "horror", "garden", "desert", "city", "music"};

  /** A prepared dataset of {@code n} items with short generated titles. */
  static PreparedDataset dataset(Path tmp, int n) throws Exception {
    Path items = tmp.resolve("items.csv");
    Path events = tmp.resolve("events.csv");
    try (BufferedWriter w = Files.newBufferedWriter(items); BufferedWriter e = Files.newBufferedWriter(events)) {
      w.write("item,category,text\n");
      e.write("user,item,timestamp\n");
      for (int i = 0; i < n; i++) {
        w.write("m" + i + ",g" + (i % 7) + ",The " + WORDS[i % WORDS.length] + " of the " + WORDS[(i * 5 + 3) % WORDS.length]
            + " " + (i / WORDS.length) + "\n");
        e.write("u" + (i % 9) + ",m" + i + "," + (1_600_000_000L + i) + "\n");
      }
    }
    return PreparedDataset.open(DatasetPreparer.prepare(
        new PrepareRequest(SourceFormat.CSV, events, items, tmp.resolve("data"), false, java.util.Map.of(), false), null).dir());
  }

  @Test
  void vectorsAndSidsMatchTheLocalComputation(@TempDir Path tmp) throws Exception {
    PreparedDataset ds = dataset(tmp, 120);
    Path vectors = tmp.resolve("vectors.txt");
    SparkEmbed.Result r = SparkEmbed.run(spark, ds, vectors, 3, 1, null);
    SidBuildConfig cfg = SidBuildConfig.defaults().with(SidBuildConfig.SEED, 7L).with(SidBuildConfig.LEVELS, 2)
        .with(SidBuildConfig.CODEBOOK_SIZE, List.of(8, 8));
    SidTable sids = SidAssign.run(ds, r, cfg, 100, tmp.resolve("sids"), null);
    r.vectors().unpersist(false);

    // the vector file: every item, the local encoder's vectors
    ItemEmbeddings emb = FileEmbedder.read(vectors, ds.itemRawIds());
    assertEquals(120, emb.numItems());
    try (BgeSmallEncoder enc = new BgeSmallEncoder(1)) {
      float[][] local = enc.encode(List.of(ds.itemTexts().get(1), ds.itemTexts().get(77)));
      assertArrayEquals(local[0], emb.row(1), 1e-5f);
      assertArrayEquals(local[1], emb.row(77), 1e-5f);
    }

    // the SIDs: local assignment of every item against the written codebooks
    Path dir = tmp.resolve("sids");
    List<Quantization.Codebook> books = CodebookFiles.readAll(dir);
    int[] local = RqKMeansQuantizer.assign(books, emb.itemMatrix(), 120, emb.dim(), null);
    SidTable loaded = SidTable.load(dir);
    for (int i = 1; i <= 120; i++) {
      for (int l = 0; l < books.size(); l++) {
        assertEquals(local[(i - 1) * books.size() + l] + 1, loaded.code(i, l), "item " + i + " level " + (l + 1));
        assertEquals(loaded.code(i, l), sids.code(i, l));
      }
    }
    assertEquals(ds.manifest().fingerprint(), loaded.meta().datasetFingerprint());
  }
}
