package org.r2led.sid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.r2led.data.DatasetLayout;
import org.r2led.data.PreparedDataset;
import org.r2led.sid.embed.FileEmbedder;
import org.r2led.sid.embed.ItemEmbeddings;
import org.r2led.sid.embed.TextEmbedder;
import org.r2led.sid.embed.TextEncoder;

/**
 * Content vectors of the items {@link SidExtender} places with saved codebooks: the same encoder as
 * the build that made the codebooks, for some items of a dataset. An item the source has no vector
 * for (blank text, no line in the file, co-occurrence) gets {@code null} and the extender's fallback.
 */
public interface NewItemVectors {
  /**
   * The encoder name a SID table records ({@link SidTable.Meta#encoder()}), e.g.
   * {@code text:bge-small-en-v1.5-q}; null when any build's vectors may be given (a vector file).
   */
  String encoder();

  /**
   * Row {@code k} = the vector of dense item {@code items[k]} of {@code data}, or null when there is none.
   *
   * @param workDir the output being written (the default text-embedding cache lives in it)
   */
  float[][] vectors(PreparedDataset data, int[] items, Path workDir);

  /** What the report says about the source. */
  default String describe() { return encoder(); }

  /**
   * Item texts ({@code items/text.txt}) through {@code enc}, with the text-embedding cache
   * {@code cacheDir} (null: {@code workDir/embedding-cache}); an item with blank text has no vector.
   */
  static NewItemVectors text(TextEncoder enc, Path cacheDir) {
    return new NewItemVectors() {
      @Override
      public String encoder() { return "text:" + enc.modelName(); }

      @Override
      public float[][] vectors(PreparedDataset data, int[] items, Path workDir) {
        List<String> allTexts = data.itemTexts();
        List<String> allIds = data.itemRawIds();
        List<String> texts = new ArrayList<>(List.of(""));
        List<String> ids = new ArrayList<>(List.of("<pad>"));
        List<Integer> rowOf = new ArrayList<>();
        for (int k = 0; k < items.length; k++) {
          String t = allTexts.get(items[k]);
          if (t == null || t.isBlank()) continue;
          texts.add(t);
          ids.add(allIds.get(items[k]));
          rowOf.add(k);
        }
        float[][] out = new float[items.length][];
        if (rowOf.isEmpty()) return out;
        Path cache = cacheDir != null ? cacheDir : workDir.resolve(SidBuilder.CACHE_DIR);
        ItemEmbeddings emb = new TextEmbedder(enc, cache, 256).embedTexts(texts, ids, data.dir().resolve(DatasetLayout.ITEM_TEXT));
        for (int j = 0; j < rowOf.size(); j++) out[rowOf.get(j)] = emb.row(j + 1);
        return out;
      }
    };
  }

  /**
   * Vectors from a vector file ({@link FileEmbedder} format, keyed by raw item id); items without a
   * line have none. The file must hold vectors of the build's encoder (only the dimension is checked).
   */
  static NewItemVectors file(Path file) {
    return new NewItemVectors() {
      @Override
      public String encoder() { return null; }

      @Override
      public String describe() { return "file:" + file; }

      @Override
      public float[][] vectors(PreparedDataset data, int[] items, Path workDir) {
        FileEmbedder.Partial p = FileEmbedder.readPartial(file, data.itemRawIds());
        float[][] out = new float[items.length][];
        for (int k = 0; k < items.length; k++) if (p.present()[items[k]]) out[k] = p.vectors().row(items[k]);
        return out;
      }
    };
  }

  /** No vectors at all (co-occurrence SIDs: the build's spectral embedding cannot place items it did not see). */
  static NewItemVectors none(String encoder) {
    return new NewItemVectors() {
      @Override
      public String encoder() { return encoder; }

      @Override
      public String describe() { return encoder + " (no vectors for new items)"; }

      @Override
      public float[][] vectors(PreparedDataset data, int[] items, Path workDir) { return new float[items.length][]; }
    };
  }
}
