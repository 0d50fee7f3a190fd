package org.r2led.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.r2led.data.Manifest;
import org.r2led.data.PreparedDataset;
import org.r2led.data.PreparedDatasetWriter;
import org.r2led.data.Split;
import org.r2led.sid.SidTable;
import org.r2led.sid.embed.FileEmbedder;

/**
 * A small seeded CTR task for tests: items belong to one of {@code topics} topics (= categories,
 * SID level 1) with sub-topics (SID level 2); each user likes two topics; histories mostly hold liked
 * items; a target is clicked with probability 0.9 when its topic is liked, else 0.1. Per user the
 * last samples go to valid/test.
 */
public final class TinyTask {
  public static final int TOPICS = 8;
  public static final int SUBS = 4;
  public static final int PER_SUB = 10;
  public static final int ITEMS = TOPICS * SUBS * PER_SUB;

  private TinyTask() {}

  /** Writes the dataset into {@code dir}; returns it opened. */
  public static PreparedDataset write(Path dir, int users, int seqLen, long seed) {
    return write(dir, users, seqLen, seed, PER_SUB, false);
  }

  /**
   * As {@link #write}, with {@code perSub} items per sub-topic whose raw ids name their place
   * ({@code i<topic>_<sub>_<index>}): datasets with different {@code perSub} share the raw ids of their
   * common items under different dense ids, as a catalog that grows does.
   */
  public static PreparedDataset writeCatalog(Path dir, int users, int seqLen, long seed, int perSub) {
    return write(dir, users, seqLen, seed, perSub, true);
  }

  /** Raw id of dense item {@code i} of a catalog of {@code perSub} items per sub-topic ({@link #writeCatalog}). */
  public static String catalogId(int i, int perSub) {
    int perTopic = SUBS * perSub;
    return "i" + (i - 1) / perTopic + "_" + ((i - 1) / perSub) % SUBS + "_" + (i - 1) % perSub;
  }

  private static PreparedDataset write(Path dir, int users, int seqLen, long seed, int perSub, boolean catalogIds) {
    int perTopic = SUBS * perSub;
    int items = TOPICS * perTopic;
    SplittableRandom r = new SplittableRandom(seed);
    try (PreparedDatasetWriter w = new PreparedDatasetWriter(dir, true)) {
      for (int u = 0; u < users; u++) {
        w.beginUser("u" + u);
        int a = r.nextInt(TOPICS);
        int b = (a + 1 + r.nextInt(TOPICS - 1)) % TOPICS;
        long ts = 1_000_000L + r.nextInt(1000);
        int samples = 0;
        for (int e = 0; e < seqLen; e++) {
          ts += 1 + r.nextInt(3600);
          // every 4th event (after a warm-up) is also a sample: target with a liked or random topic
          if (e >= 8 && e % 4 == 0) {
            int t = r.nextInt(2) == 0 ? (r.nextBoolean() ? a : b) : r.nextInt(TOPICS);
            int item = t * perTopic + 1 + r.nextInt(perTopic);
            float p = (t == a || t == b) ? 0.9f : 0.1f;
            int label = r.nextDouble() < p ? 1 : 0;
            int total = (seqLen - 8 + 3) / 4;
            Split s = samples >= total - 2 ? Split.TEST : samples >= total - 4 ? Split.VALID : Split.TRAIN;
            w.addSample(s, e, item, (item - 1) / perTopic + 1, label, ts, p);
            samples++;
          }
          int t = r.nextDouble() < 0.85 ? (r.nextBoolean() ? a : b) : r.nextInt(TOPICS);
          int item = t * perTopic + 1 + r.nextInt(perTopic);
          w.addEvent(item, (item - 1) / perTopic + 1, 1 + r.nextInt(2), ts);
        }
      }
      List<String> raw = new ArrayList<>();
      List<int[]> cats = new ArrayList<>();
      raw.add("<pad>");
      cats.add(new int[0]);
      for (int i = 1; i <= items; i++) {
        raw.add(catalogIds ? catalogId(i, perSub) : "i" + i);
        cats.add(new int[] {(i - 1) / perTopic + 1});
      }
      w.writeItems(raw, cats, null);
      List<String> cn = new ArrayList<>();
      cn.add("<pad>");
      for (int t = 0; t < TOPICS; t++) cn.add("t" + t);
      w.writeCategories(cn);
      w.finish("synthetic", List.of(), Map.of("test", "tiny", "seed", seed), Map.of("items", (long) items, "categories", (long) TOPICS),
          List.of("pv", "buy"), null);
    }
    return PreparedDataset.open(dir);
  }

  /** SIDs: (topic, sub-topic, index within sub-topic) for the dataset {@code ds}; saved into {@code dir}. */
  public static SidTable sids(PreparedDataset ds, Path dir) { return catalogSids(ds, dir, PER_SUB); }

  /** {@link #sids} of a dataset of {@code perSub} items per sub-topic ({@link #writeCatalog}): an item keeps its codes as the catalog grows. */
  public static SidTable catalogSids(PreparedDataset ds, Path dir, int perSub) {
    int levels = 3;
    int items = TOPICS * SUBS * perSub;
    int[] codes = new int[(items + 1) * levels];
    for (int i = 1; i <= items; i++) {
      codes[i * levels] = (i - 1) / (SUBS * perSub) + 1;
      codes[i * levels + 1] = ((i - 1) / perSub) % SUBS + 1;
      codes[i * levels + 2] = (i - 1) % perSub + 1;
    }
    SidTable t = new SidTable(new SidTable.Meta(ds.manifest().fingerprint(), items, new int[] {TOPICS, SUBS, perSub}, 2,
        "test", "hand", Map.of()), codes);
    t.save(dir);
    return t;
  }

  /** A 12-d content vector of catalog item {@code i<topic>_<sub>_<index>}: topic and sub-topic one-hot plus seeded noise. */
  public static float[] catalogVector(String rawId) {
    String[] p = rawId.substring(1).split("_");
    float[] v = new float[12];
    v[Integer.parseInt(p[0])] = 4f;
    v[TOPICS + Integer.parseInt(p[1])] = 2f;
    SplittableRandom r = new SplittableRandom(rawId.hashCode());
    for (int t = 0; t < v.length; t++) v[t] += (float) (0.3 * r.nextDouble());
    return v;
  }

  /** Writes a vector file ({@code FileEmbedder} format) of the {@link #catalogVector}s of {@code ds}'s items {@code keep} accepts. */
  public static Path catalogVectors(PreparedDataset ds, Path file, java.util.function.IntPredicate keep) throws java.io.IOException {
    List<String> raw = ds.itemRawIds();
    try (java.io.BufferedWriter w = java.nio.file.Files.newBufferedWriter(file)) {
      w.write(FileEmbedder.headerLine("catalog", 12));
      for (int i = 1; i <= ds.numItems(); i++) if (keep.test(i)) FileEmbedder.writeLine(w, raw.get(i), catalogVector(raw.get(i)));
    }
    return file;
  }

  public static Manifest manifest(Path dir) { return Manifest.read(dir); }
}
