package org.r2led.sid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.sid.embed.ItemEmbeddings;
import org.r2led.sid.embed.TextEmbedder;
import org.r2led.sid.embed.TextEncoder;
import org.r2led.sid.quant.Quantization;
import org.r2led.sid.quant.RqKMeansQuantizer;
import org.r2led.train.TinyTask;

/** {@link SidExtender}: a catalog grown by new items keeps the known items' codes and codes the new ones with the saved codebooks. */
public class SidExtenderTest {
  @TempDir Path tmp;

  /** SIDs of a catalog built from {@link TinyTask#catalogVector}s: 2 levels of 8 and 4 codes. */
  public static SidTable oldSids(PreparedDataset ds, Path vectors, Path out) {
    SidBuildConfig cfg = SidBuildConfig.defaults().with(SidBuildConfig.ENCODER, "file:" + vectors).with(SidBuildConfig.LEVELS, 2)
        .with(SidBuildConfig.CODEBOOK_SIZE, List.of(8, 4)).with(SidBuildConfig.SEED, 3L).with(SidBuildConfig.THREADS, 1);
    return SidBuilder.build(ds, cfg, out);
  }

  @Test
  void knownItemsKeepTheirCodesAndNewItemsGetTheCodebooksAssignment() throws IOException {
    PreparedDataset ds1 = TinyTask.writeCatalog(tmp.resolve("data1"), 20, 20, 3, 10);
    Path sids1 = tmp.resolve("sids1");
    SidTable old = oldSids(ds1, TinyTask.catalogVectors(ds1, tmp.resolve("v1.txt"), i -> true), sids1);
    PreparedDataset ds2 = TinyTask.writeCatalog(tmp.resolve("data2"), 20, 20, 4, 12);
    List<String> raw1 = ds1.itemRawIds();
    List<String> raw2 = ds2.itemRawIds();
    Map<String, Integer> dense1 = new HashMap<>();
    for (int i = 1; i <= ds1.numItems(); i++) dense1.put(raw1.get(i), i);
    // new items: index 10 and 11 of every sub-topic; those of index 11 have no vector (the fallback)
    IntPredicate noVector = i -> raw2.get(i).endsWith("_11");
    Path v2 = TinyTask.catalogVectors(ds2, tmp.resolve("v2.txt"), noVector.negate());

    Path out = tmp.resolve("sids2");
    SidTable t = SidExtender.extend(sids1, SidExtender.rawIds(sids1, ds1.dir()), ds2, NewItemVectors.file(v2), out);
    SidTable loaded = SidTable.load(out, ds2.manifest().fingerprint());
    assertArrayEquals(t.codeMatrix(), loaded.codeMatrix());
    assertEquals(old.semanticLevels(), t.semanticLevels());
    for (int l = 0; l < 2; l++) assertEquals(old.codebookSize(l), t.codebookSize(l));

    List<Quantization.Codebook> books = CodebookFiles.readAll(sids1);
    List<Integer> fresh = new ArrayList<>();
    List<Integer> fallback = new ArrayList<>();
    for (int i = 1; i <= ds2.numItems(); i++) {
      Integer was = dense1.get(raw2.get(i));
      if (was != null) assertArrayEquals(old.codes(was), t.codes(i), raw2.get(i));
      else if (noVector.test(i)) fallback.add(i);
      else fresh.add(i);
    }
    assertEquals(32, fresh.size()); // 8 topics x 4 sub-topics
    assertEquals(32, fallback.size());
    float[] x = new float[fresh.size() * 12];
    for (int j = 0; j < fresh.size(); j++) System.arraycopy(TinyTask.catalogVector(raw2.get(fresh.get(j))), 0, x, j * 12, 12);
    int[] expected = RqKMeansQuantizer.assign(books, x, fresh.size(), 12, null);
    for (int j = 0; j < fresh.size(); j++) {
      for (int l = 0; l < 2; l++) assertEquals(expected[j * 2 + l] + 1, t.code(fresh.get(j), l), raw2.get(fresh.get(j)) + " level " + l);
    }
    // fallback: the semantic code most common among the known items of the item's category
    for (int i : fallback) {
      int cat = ds2.itemCategories(i)[0];
      Map<Long, Integer> counts = new HashMap<>();
      for (int k = 1; k <= ds2.numItems(); k++) {
        if (dense1.containsKey(raw2.get(k)) && ds2.itemCategories(k)[0] == cat) counts.merge(t.prefixKey(k, 2), 1, Integer::sum);
      }
      int top = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
      assertEquals(top, counts.get(t.prefixKey(i, 2)), raw2.get(i));
    }
    // SID -> item stays unique
    Set<String> full = new HashSet<>();
    for (int i = 1; i <= t.numItems(); i++) assertTrue(full.add(java.util.Arrays.toString(t.codes(i))), "duplicate SID of item " + i);

    SidExtendReport r = SidExtendReport.read(out);
    assertEquals(ds2.numItems(), r.items());
    assertEquals(ds1.numItems(), r.kept());
    assertEquals(64, r.added());
    assertEquals(32, r.assigned());
    assertEquals(32, r.fallback());
    assertEquals(0, r.dropped());
    assertEquals(t.codebookSize(2), r.suffixSize());
    assertTrue(r.collisions() >= 32, "every fallback item shares a known item's code: " + r.collisions());
    assertTrue(Files.readString(out.resolve(SidExtendReport.MD_FILE)).contains("| " + ds2.numItems() + " | " + ds1.numItems() + " | 64 |"));

    // the output extends in turn (its own raw ids): onto the same data nothing moves
    Path again = tmp.resolve("sids3");
    SidTable t3 = SidExtender.extend(out, SidExtender.rawIds(out, null), ds2, NewItemVectors.file(v2), again);
    assertArrayEquals(t.codeMatrix(), t3.codeMatrix());
    assertEquals(0, SidExtendReport.read(again).added());
  }

  /** A deterministic stand-in for a sentence encoder: the sum of a seeded vector per word. */
  static final class WordEncoder implements TextEncoder {
    @Override
    public String modelName() { return "words"; }

    @Override
    public int dim() { return 6; }

    @Override
    public float[][] encode(List<String> texts) {
      float[][] out = new float[texts.size()][6];
      for (int k = 0; k < texts.size(); k++) {
        for (String w : texts.get(k).split(" ")) {
          SplittableRandom r = new SplittableRandom(w.hashCode());
          for (int t = 0; t < 6; t++) out[k][t] += (float) r.nextDouble();
        }
      }
      return out;
    }
  }

  private static final String[] WORDS = {"space", "pirate", "crime", "garden", "music", "robot"};

  private PreparedDataset textDataset(String name, int items, IntPredicate blank) {
    List<int[]> cats = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    cats.add(new int[0]);
    texts.add("");
    for (int i = 1; i <= items; i++) {
      cats.add(new int[] {1 + i % 3});
      texts.add(blank.test(i) ? "" : WORDS[i % 6] + " " + WORDS[(i / 6) % 6] + " " + i);
    }
    int[][] seqs = new int[4][8];
    for (int u = 0; u < 4; u++) for (int p = 0; p < 8; p++) seqs[u][p] = 1 + (u * 8 + p) % items;
    return TinyDatasets.write(tmp.resolve(name), cats, 3, texts, seqs, 2);
  }

  @Test
  void textItemsAreEncodedWithTheBuildsEncoderAndBlankTextsFallBack() {
    PreparedDataset ds1 = textDataset("t1", 30, i -> false);
    ItemEmbeddings emb = new TextEmbedder(new WordEncoder(), null, 8).embed(ds1);
    Path sids1 = tmp.resolve("s1");
    SidTable old = SidBuilder.build(ds1, emb, SidBuildConfig.defaults().with(SidBuildConfig.LEVELS, 2)
        .with(SidBuildConfig.CODEBOOK_SIZE, List.of(4)).with(SidBuildConfig.SEED, 1L).with(SidBuildConfig.THREADS, 1), sids1);
    assertEquals("text:words", old.meta().encoder());
    PreparedDataset ds2 = textDataset("t2", 36, i -> i == 35);

    Path out = tmp.resolve("s2");
    SidTable t = SidExtender.extend(sids1, SidExtender.rawIds(sids1, ds1.dir()), ds2, NewItemVectors.text(new WordEncoder(), null), out);
    for (int i = 1; i <= 30; i++) assertArrayEquals(old.codes(i), t.codes(i), "item " + i);
    float[][] v = new WordEncoder().encode(List.of(ds2.itemTexts().get(31)));
    int[] expected = RqKMeansQuantizer.assign(CodebookFiles.readAll(sids1), v[0], 1, 6, null);
    assertEquals(expected[0] + 1, t.code(31, 0));
    assertEquals(expected[1] + 1, t.code(31, 1));
    SidExtendReport r = SidExtendReport.read(out);
    assertEquals(5, r.assigned());
    assertEquals(1, r.fallback());
    assertEquals("text:words", r.vectors());
    assertTrue(Files.isDirectory(out.resolve(SidBuilder.CACHE_DIR)), "the text cache is kept in the output");
  }

  @Test
  void refusesWhatCannotBeExtendedNamingTheCause() throws IOException {
    PreparedDataset ds1 = TinyTask.writeCatalog(tmp.resolve("data1"), 10, 20, 3, 10);
    Path sids1 = tmp.resolve("sids1");
    oldSids(ds1, TinyTask.catalogVectors(ds1, tmp.resolve("v1.txt"), i -> true), sids1);
    PreparedDataset ds2 = TinyTask.writeCatalog(tmp.resolve("data2"), 10, 20, 4, 11);
    List<String> ids = SidExtender.rawIds(sids1, ds1.dir());

    IllegalArgumentException noIds = assertThrows(IllegalArgumentException.class, () -> SidExtender.rawIds(sids1, null));
    assertTrue(noIds.getMessage().contains("--from-data"), noIds.getMessage());
    IllegalArgumentException wrongData = assertThrows(IllegalArgumentException.class, () -> SidExtender.rawIds(sids1, ds2.dir()));
    assertTrue(wrongData.getMessage().contains("fingerprint " + ds2.manifest().fingerprint()), wrongData.getMessage());

    IllegalArgumentException space = assertThrows(IllegalArgumentException.class,
        () -> SidExtender.extend(sids1, ids, ds2, NewItemVectors.text(new WordEncoder(), null), tmp.resolve("o1")));
    assertTrue(space.getMessage().contains("were built from 'file:") && space.getMessage().contains("'text:words'"), space.getMessage());

    Path v2 = TinyTask.catalogVectors(ds2, tmp.resolve("v2.txt"), i -> true);
    Path latent = tmp.resolve("latent");
    SidTable.load(sids1).save(Files.createDirectories(latent));
    CodebookFiles.write(latent, "latent", CodebookFiles.readAll(sids1));
    IllegalArgumentException vae = assertThrows(IllegalArgumentException.class,
        () -> SidExtender.extend(latent, ids, ds2, NewItemVectors.file(v2), tmp.resolve("o2")));
    assertTrue(vae.getMessage().contains("'latent' space"), vae.getMessage());

    Path hand = tmp.resolve("hand");
    TinyTask.catalogSids(ds1, Files.createDirectories(hand), 10);
    IllegalArgumentException noBooks = assertThrows(IllegalArgumentException.class,
        () -> SidExtender.extend(hand, ids, ds2, NewItemVectors.file(v2), tmp.resolve("o3")));
    assertNotNull(noBooks.getMessage());
    assertTrue(noBooks.getMessage().contains("codebooks"), noBooks.getMessage());
  }
}
