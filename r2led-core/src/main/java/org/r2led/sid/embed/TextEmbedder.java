package org.r2led.sid.embed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r2led.data.DatasetLayout;
import org.r2led.data.PreparedDataset;
import org.r2led.io.Progress;

/**
 * Item vectors from item texts ({@code items/text.txt}: title, genres/categories, tags) through a
 * {@link TextEncoder}, batched, with progress on stderr and an {@link EmbeddingCache}: texts already
 * cached are not re-encoded, so re-runs are instant. Identical texts are encoded once.
 */
public final class TextEmbedder implements ItemEmbedder {
  private final TextEncoder encoder;
  private final Path cacheDir;
  private final int batchSize;

  /**
   * @param cacheDir embedding cache directory (null = no cache)
   * @param batchSize texts per encoder call (progress granularity and cache flush)
   */
  public TextEmbedder(TextEncoder encoder, Path cacheDir, int batchSize) {
    if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1");
    this.encoder = encoder;
    this.cacheDir = cacheDir;
    this.batchSize = batchSize;
  }

  @Override
  public String name() { return "text:" + encoder.modelName(); }

  @Override
  public ItemEmbeddings embed(PreparedDataset data) {
    List<String> texts = data.itemTexts();
    List<String> rawIds = data.itemRawIds();
    return embedTexts(texts, rawIds, data.dir().resolve(DatasetLayout.ITEM_TEXT));
  }

  /** Fails naming the first item without text ({@code texts}, {@code rawIds}: index 0 = padding). */
  public static void requireTexts(List<String> texts, List<String> rawIds, Path source) {
    for (int i = 1; i < texts.size(); i++) {
      if (texts.get(i) == null || texts.get(i).isBlank()) {
        throw new IllegalArgumentException("item " + rawIds.get(i) + " (dense id " + i + ") has empty text at "
            + source + ":" + i + "; the text encoder needs a title/description for every item"
            + " (use --encoder cooccurrence or file:PATH for catalogs without text)");
      }
    }
  }

  /** Embeds {@code texts} (index 0 = padding, ignored); {@code rawIds} name items in errors. */
  public ItemEmbeddings embedTexts(List<String> texts, List<String> rawIds, Path source) {
    int n = texts.size() - 1;
    int dim = encoder.dim();
    requireTexts(texts, rawIds, source);
    EmbeddingCache cache = cacheDir == null ? null : EmbeddingCache.open(cacheDir, encoder.modelName(), dim);
    String[] keys = new String[n + 1];
    Map<String, Integer> firstByKey = new LinkedHashMap<>();
    List<String> missingKeys = new ArrayList<>();
    List<String> missingTexts = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String k = EmbeddingCache.key(texts.get(i));
      keys[i] = k;
      if (firstByKey.putIfAbsent(k, i) == null && (cache == null || cache.get(k) == null)) {
        missingKeys.add(k);
        missingTexts.add(texts.get(i));
      }
    }
    Map<String, float[]> fresh = new java.util.HashMap<>();
    if (!missingTexts.isEmpty()) {
      Progress p = Progress.builder("encoding item texts with " + encoder.modelName()).total(missingTexts.size())
          .unit("texts").build();
      for (int s = 0; s < missingTexts.size(); s += batchSize) {
        int e = Math.min(missingTexts.size(), s + batchSize);
        float[][] v = encoder.encode(missingTexts.subList(s, e));
        if (cache != null) cache.putAll(missingKeys.subList(s, e), v);
        else for (int j = s; j < e; j++) fresh.put(missingKeys.get(j), v[j - s]);
        p.advance(e - s);
      }
      p.finish();
    }
    float[] rows = new float[(n + 1) * dim];
    for (int i = 1; i <= n; i++) {
      float[] v = cache != null ? cache.get(keys[i]) : fresh.get(keys[i]);
      if (v == null) throw new IllegalStateException("no vector for item " + rawIds.get(i) + " after encoding");
      System.arraycopy(v, 0, rows, i * dim, dim);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("model", encoder.modelName());
    details.put("dim", dim);
    details.put("distinctTexts", firstByKey.size());
    details.put("encoded", missingTexts.size());
    details.put("fromCache", firstByKey.size() - missingTexts.size());
    if (cacheDir != null) details.put("cacheDir", cacheDir.toString());
    return new ItemEmbeddings(n, dim, rows, name(), details);
  }
}
