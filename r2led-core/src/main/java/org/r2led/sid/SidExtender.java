package org.r2led.sid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r2led.data.DatasetLayout;
import org.r2led.data.Manifest;
import org.r2led.data.PreparedDataset;
import org.r2led.io.StagedDir;
import org.r2led.sid.quant.Quantization;
import org.r2led.sid.quant.RqKMeansQuantizer;

/**
 * Semantic IDs for a grown catalog without re-quantizing it ({@code sid extend}): every item of the
 * new dataset found (by raw id) in an existing SID directory keeps its codes exactly; a new item is
 * coded from its content vector with that directory's saved codebooks (nearest codeword per level
 * on the residual, {@link RqKMeansQuantizer#assign}, as the build assigned its items) and gets the
 * next free suffix of its semantic code, so no known item's code moves and SID → item stays unique.
 * A new item without a vector gets {@link SidExtendReport#FALLBACK_RULE the fallback}: an existing
 * semantic code, so the semantic codebook sizes (and a model's SID tables) keep their shapes.
 *
 * <p>Output: the SID directory of {@code sid build} ({@code sid.json}, {@code codes.i32},
 * {@code codebooks/} copied) plus {@code item_raw_ids.txt} (raw id of items 1..n, so the output can be
 * extended in turn) and {@code extend.json}/{@code extend.md} ({@link SidExtendReport}).
 */
public final class SidExtender {
  private SidExtender() {}

  /** Raw ids of the table's items 1..n, one per line, in a directory this class writes. */
  public static final String RAW_IDS_FILE = "item_raw_ids.txt";

  /**
   * Extends the SIDs in {@code from} to {@code data} into {@code out} (replaced atomically; may be
   * {@code from} itself).
   *
   * @param fromItems raw ids of {@code from}'s items 1..n (see {@link #rawIds}), index 0 = item 1
   */
  public static SidTable extend(Path from, List<String> fromItems, PreparedDataset data, NewItemVectors vectors, Path out) {
    long t0 = System.nanoTime();
    SidTable old = SidTable.load(from);
    if (fromItems.size() != old.numItems()) {
      throw new IllegalArgumentException("the item ids given for " + from + " list " + fromItems.size() + " items; its "
          + SidTable.META_FILE + " has " + old.numItems());
    }
    int sl = old.semanticLevels();
    int levels = old.levels();
    if (levels != sl + 1) {
      throw new IllegalArgumentException(from + " has no disambiguation suffix level (levels " + levels + ", semanticLevels " + sl
          + "); sid extend needs the suffix to keep SID -> item unique");
    }
    CodebookFiles.Index index = CodebookFiles.readIndex(from);
    if (!"input".equals(index.space())) {
      throw new IllegalArgumentException("the codebooks of " + from + " live in the '" + index.space() + "' space (quantizer "
          + old.meta().quantizer() + "): the network that maps vectors there is not saved, so new items cannot be coded;"
          + " extend SIDs built with --quantizer rqkmeans, or rebuild with sid build");
    }
    List<Quantization.Codebook> books = CodebookFiles.readAll(from);
    if (books.size() != sl) throw new IllegalArgumentException(from + " has " + books.size() + " codebooks for " + sl + " semantic levels");
    for (int l = 0; l < sl; l++) {
      if (books.get(l).size() != old.codebookSize(l)) {
        throw new IllegalArgumentException(from + ": codebook " + (l + 1) + " has " + books.get(l).size() + " codes; "
            + SidTable.META_FILE + " says " + old.codebookSize(l));
      }
    }
    if (vectors.encoder() != null && !vectors.encoder().equals(old.meta().encoder())) {
      throw new IllegalArgumentException("the SIDs in " + from + " were built from '" + old.meta().encoder() + "' vectors; new items"
          + " would be embedded with '" + vectors.encoder() + "', another space; pass --encoder file:PATH with vectors of the"
          + " build's encoder");
    }

    Map<String, Integer> oldId = new HashMap<>(fromItems.size() * 2);
    for (int k = 0; k < fromItems.size(); k++) oldId.put(fromItems.get(k), k + 1);
    List<String> raw = data.itemRawIds();
    int n = data.numItems();
    int[] was = new int[n + 1];
    List<Integer> fresh = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      was[i] = oldId.getOrDefault(raw.get(i), 0);
      if (was[i] == 0) fresh.add(i);
    }
    int kept = n - fresh.size();

    try (StagedDir dir = StagedDir.open(out, SidTable.KIND)) {
      Path stage = dir.stage();
      SidBuilder.carryCache(from.resolve(SidBuilder.CACHE_DIR), stage.resolve(SidBuilder.CACHE_DIR));
      int[] items = fresh.stream().mapToInt(Integer::intValue).toArray();
      float[][] v = vectors.vectors(data, items, stage);
      int dim = books.get(0).dim();

      int[] oldCodes = old.codeMatrix();
      int[] codes = new int[(n + 1) * levels];
      for (int i = 1; i <= n; i++) if (was[i] > 0) System.arraycopy(oldCodes, was[i] * levels, codes, i * levels, levels);
      // vectors → codes with the saved codebooks
      List<Integer> coded = new ArrayList<>();
      for (int k = 0; k < items.length; k++) {
        if (v[k] == null) continue;
        if (v[k].length != dim) {
          throw new IllegalArgumentException("the vector of new item " + org.r2led.data.Ids.quoted(raw.get(items[k])) + " from "
              + vectors.describe() + " has " + v[k].length + " values; the codebooks of " + from + " have dim " + dim);
        }
        coded.add(k);
      }
      float[] x = new float[coded.size() * dim];
      for (int j = 0; j < coded.size(); j++) System.arraycopy(v[coded.get(j)], 0, x, j * dim, dim);
      int[] assigned = RqKMeansQuantizer.assign(books, x, coded.size(), dim, null);
      for (int j = 0; j < coded.size(); j++) {
        int item = items[coded.get(j)];
        for (int l = 0; l < sl; l++) codes[item * levels + l] = assigned[j * sl + l] + 1;
      }
      // fallback for new items without a vector
      Fallback fb = new Fallback(data, codes, was, levels, sl);
      int fallback = 0;
      for (int k = 0; k < items.length; k++) {
        if (v[k] != null) continue;
        System.arraycopy(fb.codeFor(items[k]), 0, codes, items[k] * levels, sl);
        fallback++;
      }
      // suffixes: the next free one of the semantic code (codes of every item of `from`, dropped ones included, stay taken)
      Map<Long, Integer> maxSuffix = new HashMap<>();
      for (int i = 1; i <= old.numItems(); i++) maxSuffix.merge(old.prefixKey(i, sl), old.code(i, sl), Math::max);
      int collisions = 0;
      int suffixSize = old.codebookSize(sl);
      for (int item : items) {
        long key = SidTable.prefixKey(codes, item, levels, sl);
        int s = maxSuffix.merge(key, 1, Integer::sum);
        if (s > 1) collisions++;
        codes[item * levels + sl] = s;
        suffixSize = Math.max(suffixSize, s);
      }

      SidTable table = new SidTable(meta(old, data, codes, n, levels, sl, suffixSize), codes);
      table.save(stage);
      CodebookFiles.write(stage, index.space(), books);
      writeRawIds(stage.resolve(RAW_IDS_FILE), raw);
      double secs = Math.round((System.nanoTime() - t0) / 1e6) / 1000.0;
      new SidExtendReport(from.toString(), old.datasetFingerprint(), data.dir().toString(), data.manifest().fingerprint(), n, kept,
          items.length, coded.size(), fallback, collisions, old.numItems() - kept, vectors.describe(), suffixSize, secs)
          .write(stage);
      dir.commit();
      return table;
    }
  }

  /**
   * Raw ids of the items 1..n of the SIDs in {@code sidDir}: its {@link #RAW_IDS_FILE} when it has one
   * (written by {@link #extend}), else {@code items/raw_id.txt} of {@code dataDir} — the dataset the
   * SIDs were built for (its fingerprint is checked) or an exported model holding them.
   */
  public static List<String> rawIds(Path sidDir, Path dataDir) {
    Path own = sidDir.resolve(RAW_IDS_FILE);
    if (Files.isRegularFile(own)) return lines(own);
    if (dataDir == null) {
      throw new IllegalArgumentException(sidDir + " has no " + RAW_IDS_FILE + ": name the dataset its SIDs were built for"
          + " (--from-data DIR) so its items can be matched by raw id");
    }
    if (Files.isRegularFile(dataDir.resolve(DatasetLayout.MANIFEST))) {
      String fp = Manifest.read(dataDir).fingerprint();
      String want = SidTable.load(sidDir).datasetFingerprint();
      if (!fp.equals(want)) {
        throw new IllegalArgumentException("the SIDs in " + sidDir + " were built for dataset fingerprint " + want + " but "
            + dataDir + " has fingerprint " + fp + "; name the dataset they were built for");
      }
    }
    Path f = dataDir.resolve(DatasetLayout.ITEM_RAW_IDS);
    if (!Files.isRegularFile(f)) throw new IllegalArgumentException(dataDir + " has no " + DatasetLayout.ITEM_RAW_IDS);
    return lines(f);
  }

  /** Per category, the most common full semantic code of the known items; and over all known items. */
  private static final class Fallback {
    private final Map<Integer, Map<Long, Integer>> byCategory = new HashMap<>();
    private final Map<Long, Integer> all = new HashMap<>();
    private final PreparedDataset data;
    private final int sl;

    Fallback(PreparedDataset data, int[] codes, int[] was, int levels, int sl) {
      this.data = data;
      this.sl = sl;
      for (int i = 1; i < was.length; i++) {
        if (was[i] == 0) continue;
        long key = SidTable.prefixKey(codes, i, levels, sl);
        all.merge(key, 1, Integer::sum);
        int[] cats = data.itemCategories(i);
        if (cats.length > 0) byCategory.computeIfAbsent(cats[0], c -> new HashMap<>()).merge(key, 1, Integer::sum);
      }
    }

    int[] codeFor(int item) {
      int[] cats = data.itemCategories(item);
      Map<Long, Integer> counts = cats.length > 0 ? byCategory.getOrDefault(cats[0], all) : all;
      if (counts.isEmpty()) {
        throw new IllegalArgumentException("new item " + org.r2led.data.Ids.quoted(data.itemRawIds().get(item)) + " has no vector"
            + " and the dataset has no known item whose code it could share");
      }
      long best = 0;
      int bestCount = -1;
      for (Map.Entry<Long, Integer> e : counts.entrySet()) {
        int c = e.getValue();
        if (c > bestCount || (c == bestCount && Long.compareUnsigned(e.getKey(), best) < 0)) {
          best = e.getKey();
          bestCount = c;
        }
      }
      int[] code = new int[sl];
      for (int l = sl - 1; l >= 0; l--, best >>>= 16) code[l] = (int) (best & 0xFFFF);
      return code;
    }
  }

  private static SidTable.Meta meta(SidTable old, PreparedDataset data, int[] codes, int n, int levels, int sl, int suffixSize) {
    int[] sizes = old.meta().codebookSizes().clone();
    sizes[sl] = suffixSize;
    int[] sem = new int[(n + 1) * sl];
    for (int i = 1; i <= n; i++) System.arraycopy(codes, i * levels, sem, i * sl, sl);
    CollisionSuffix.Result cs = CollisionSuffix.compute(sem, n, sl);
    Map<String, Object> extra = new LinkedHashMap<>(old.meta().extra() == null ? Map.of() : old.meta().extra());
    extra.put("collisionRate", cs.collisionRate());
    extra.put("maxItemsPerSemanticCode", cs.maxGroupSize());
    extra.put("extendedFrom", old.datasetFingerprint());
    return new SidTable.Meta(data.manifest().fingerprint(), n, sizes, sl, old.meta().encoder(), old.meta().quantizer(), extra);
  }

  private static void writeRawIds(Path file, List<String> rawWithPadding) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < rawWithPadding.size(); i++) sb.append(rawWithPadding.get(i)).append('\n');
    try {
      org.r2led.io.AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
