package org.r2led.sid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;

class SidBuilderTest {
  @TempDir Path dir;

  /** 60 items in 3 categories (item i → category 1 + i % 3); vectors = category centre + small noise. */
  private PreparedDataset dataset(List<String> texts) {
    List<int[]> cats = new ArrayList<>();
    cats.add(new int[0]);
    for (int i = 1; i <= 60; i++) cats.add(new int[] {1 + i % 3});
    int[][] seqs = new int[6][10];
    for (int u = 0; u < 6; u++) for (int p = 0; p < 10; p++) seqs[u][p] = 1 + (u * 10 + p) % 60;
    return TinyDatasets.write(dir.resolve("ds"), cats, 3, texts, seqs, 2);
  }

  private Path vectorFile() throws IOException {
    SplittableRandom r = new SplittableRandom(2);
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 60; i++) {
      int c = i % 3;
      sb.append('i').append(i);
      for (int t = 0; t < 6; t++) sb.append(' ').append((t == c ? 5.0 : 0.0) + 0.1 * r.nextDouble());
      sb.append('\n');
    }
    Path f = dir.resolve("vectors.txt");
    Files.writeString(f, sb.toString());
    return f;
  }

  @Test
  void buildsATableCodebooksAndReport() throws IOException {
    PreparedDataset ds = dataset(null);
    Path out = dir.resolve("sid");
    SidBuildConfig cfg = SidBuildConfig.defaults().with(SidBuildConfig.ENCODER, "file:" + vectorFile())
        .with(SidBuildConfig.LEVELS, 2).with(SidBuildConfig.CODEBOOK_SIZE, List.of(3)).with(SidBuildConfig.SEED, 5L)
        .with(SidBuildConfig.SAVE_EMBEDDINGS, true);
    SidTable t = SidBuilder.build(ds, cfg, out);

    SidTable loaded = SidTable.load(out, ds.manifest().fingerprint());
    assertArrayEquals(t.codeMatrix(), loaded.codeMatrix());
    assertEquals(3, t.levels());
    assertEquals(2, t.semanticLevels());
    assertEquals(60, t.numItems());
    // level 1 separates the three categories exactly
    for (int i = 4; i <= 60; i++) assertEquals(t.code(i - 3, 0), t.code(i, 0), "item " + i);
    assertTrue(SidQuality.isUnique(t));

    SidReport rep = SidReport.read(out);
    SidQuality.PurityRow p1 = rep.quality().purity().get(0);
    assertEquals("categories", p1.labels());
    assertEquals(1, p1.prefixLength());
    assertEquals(1.0, p1.purity(), 1e-12);
    assertTrue(p1.randomPurity() < 0.6, "random purity " + p1.randomPurity());
    assertEquals(1.0, p1.nmi(), 1e-9);
    assertEquals(t.codebookSize(2), rep.quality().collisions().maxItemsPerCode());
    assertTrue(rep.quality().collisions().uniqueWithSuffix());
    assertTrue(Files.readString(out.resolve(SidReport.MD_FILE)).contains("| categories | 1 | 3 | 1.0000 |"));

    CodebookFiles.Index idx = CodebookFiles.readIndex(out);
    assertEquals("input", idx.space());
    assertEquals(2, idx.levels().size());
    assertEquals(3, idx.levels().get(0).rows());
    assertEquals(6, idx.levels().get(0).cols());
    assertEquals(18, CodebookFiles.read(out, 1).length);
    assertEquals(61 * 6, org.r2led.io.Columns.readFloats(out.resolve(SidBuilder.EMBEDDINGS_FILE)).length);
  }

  @Test
  void syntheticTopicsAreCheckedAtLevelsOneAndTwo() throws IOException {
    PreparedDataset ds = dataset(null);
    int[] top = new int[61], leaf = new int[61];
    for (int i = 1; i <= 60; i++) {
      top[i] = 1 + i % 3;           // the clusters of the vector file
      leaf[i] = 1 + (i * 7) % 5;    // unrelated to the vectors
    }
    org.r2led.io.Columns.writeInts(ds.dir().resolve(org.r2led.data.DatasetLayout.ITEM_TOPIC_TOP), top);
    org.r2led.io.Columns.writeInts(ds.dir().resolve(org.r2led.data.DatasetLayout.ITEM_TOPIC), leaf);
    Path out = dir.resolve("sid");
    SidBuilder.build(ds, SidBuildConfig.defaults().with(SidBuildConfig.ENCODER, "file:" + vectorFile())
        .with(SidBuildConfig.LEVELS, 2).with(SidBuildConfig.CODEBOOK_SIZE, List.of(3, 2)).with(SidBuildConfig.SEED, 5L), out);
    List<SidQuality.PurityRow> rows = SidReport.read(out).quality().purity();
    assertEquals(List.of("categories", "categories", "topTopics", "topTopics", "leafTopics", "leafTopics"),
        rows.stream().map(SidQuality.PurityRow::labels).toList());
    SidQuality.PurityRow top1 = rows.get(2);
    assertEquals(1, top1.prefixLength());
    assertEquals(1.0, top1.purity(), 1e-12);
    assertTrue(top1.randomPurity() < 0.6);
    assertEquals(2, rows.get(5).prefixLength());
    assertEquals(6, rows.get(5).groups());
  }

  @Test
  void moreCodesThanItemsIsRejected() throws IOException {
    PreparedDataset ds = dataset(null);
    SidBuildConfig cfg = SidBuildConfig.defaults().with(SidBuildConfig.ENCODER, "file:" + vectorFile())
        .with(SidBuildConfig.CODEBOOK_SIZE, List.of(61));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SidBuilder.build(ds, cfg, dir.resolve("sid")));
    assertTrue(e.getMessage().contains("more codes requested than items"), e.getMessage());
  }

  @Test
  void automaticEncoderRefusesMixedText() {
    List<String> texts = new ArrayList<>();
    texts.add("");
    for (int i = 1; i <= 60; i++) texts.add(i == 7 ? "" : "item " + i);
    PreparedDataset ds = dataset(texts);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SidBuilder.autoEncoder(ds));
    assertTrue(e.getMessage().contains("item i7 (dense id 7) has none"), e.getMessage());
    assertEquals("cooccurrence", SidBuilder.autoEncoder(dataset(null)));
  }

  @Test
  void configRejectsBadValues() {
    SidBuildConfig d = SidBuildConfig.defaults();
    assertMessage(() -> d.with(SidBuildConfig.LEVELS, 5, "--levels 5"),
        "config key 'levels' has invalid value '5' (--levels 5); expected an integer in [1, 4]");
    assertMessage(() -> d.with(SidBuildConfig.QUANTIZER, "pq", "--quantizer pq"),
        "config key 'quantizer' has invalid value 'pq' (--quantizer pq); expected one of rqkmeans, rqvae");
    assertMessage(() -> d.with(SidBuildConfig.ENCODER, "clip", "--encoder clip"),
        "config key 'encoder' has invalid value 'clip' (--encoder clip); expected text, cooccurrence, file:PATH (with a path) or auto");
    assertMessage(() -> d.with(SidBuildConfig.ENCODER, "file:"), "config key 'encoder' has invalid value 'file:'");
    assertMessage(() -> d.with(SidBuildConfig.CODEBOOK_SIZE, List.of(8, 8), "--codebook-size 8,8"),
        "config key 'codebook_size' has invalid value '[8, 8]' (--codebook-size 8,8); expected one codebook size for all levels "
            + "or one per level (levels = 3, default)");
    assertEquals(List.of(8, 8), d.with(SidBuildConfig.LEVELS, 2).with(SidBuildConfig.CODEBOOK_SIZE, List.of(8, 8)).codebookSizes());
    assertEquals(null, d.encoder(), "auto: chosen from the data");
    assertEquals(null, d.codebookSizes(), "[]: the default size");
  }

  private static void assertMessage(Runnable r, String prefix) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
  }
}
