package org.r2led.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.io.FileTrees;
import org.r2led.train.TinyTask;

/**
 * Exported models scored through {@link ScoringModel} after the training dataset was deleted give the
 * probabilities {@code evaluate} gives, also concurrently; damage is refused; fallbacks as documented.
 */
class ScoringModelTest {
  @TempDir static Path tmp;
  static ScoringFixture din;
  static ScoringFixture r2led;

  @BeforeAll
  static void trainExportAndDeleteTheDataset() throws Exception {
    Path data = tmp.resolve("data");
    TinyTask.write(data, 120, 60, 5);
    Path sids = tmp.resolve("sids");
    TinyTask.sids(org.r2led.data.PreparedDataset.open(data), sids);
    List<String> common = List.of("batch_size=128", "epochs=2", "embedding_init_std=0.01");
    din = ScoringFixture.train(tmp, data, null, "din", common);
    r2led = ScoringFixture.train(tmp, data, sids, "r2led", common);
    FileTrees.delete(data);
    FileTrees.delete(sids);
    assertFalse(Files.exists(data));
  }

  @Test
  void scoresEqualEvaluateWithoutTheDataset() {
    for (ScoringFixture f : List.of(din, r2led)) {
      ScoringModel m = ScoringModel.load(f.modelDir());
      float[][] all = m.scoreAll(f.requests());   // every test sample's candidates in one forward pass
      double maxDiff = 0;
      for (int i = 0; i < f.expected().length; i++) {
        float[] one = m.score(f.requests().get(i));  // one request alone
        assertEquals(f.expected()[i], all[i][0], 1e-6, m.manifest().model() + " test sample " + i + " (batched)");
        assertEquals(f.expected()[i], one[0], 1e-6, m.manifest().model() + " test sample " + i + " (alone)");
        assertEquals(ScoringFixture.EXTRA.size() + 1, one.length);
        maxDiff = Math.max(maxDiff, Math.abs(f.expected()[i] - one[0]));
      }
      System.out.printf(Locale.ROOT, "%s: %d test samples, max |serving - evaluate| = %.2e%n", m.manifest().model(),
          f.expected().length, maxDiff);
    }
  }

  @Test
  void concurrentScoringEqualsSequential() throws Exception {
    for (ScoringFixture f : List.of(din, r2led)) {
      ScoringModel m = ScoringModel.load(f.modelDir());
      List<ScoringModel.Request> reqs = f.requests();
      float[][] sequential = new float[reqs.size()][];
      for (int i = 0; i < reqs.size(); i++) sequential[i] = m.score(reqs.get(i));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<float[][]>> runs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int shift = t;
          runs.add(pool.submit(() -> {
            float[][] out = new float[reqs.size()][];
            for (int k = 0; k < reqs.size(); k++) {
              int i = (k + shift * 7) % reqs.size();  // threads walk the requests in different orders
              out[i] = m.score(reqs.get(i));
            }
            return out;
          }));
        }
        for (Future<float[][]> r : runs) {
          float[][] got = r.get();
          for (int i = 0; i < reqs.size(); i++) assertArrayEquals(sequential[i], got[i], 0f, "request " + i);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void unknownUsersAndItemsFollowTheDocumentedFallback() {
    ScoringModel m = ScoringModel.load(r2led.modelDir());
    Vocabulary v = m.vocabulary();
    assertEquals(0, v.item("no-such-item"));
    assertEquals(0, v.category("no-such-category"));
    // unknown user: the empty history
    List<String> cands = List.of("i5", "no-such-item");
    float[] empty = m.score(UserHistory.empty(), cands);
    float[] dense = m.scoreDense(List.of(new DenseQuery(new int[0], new int[0], new int[0], new long[0],
        new int[] {5, 0}, new int[] {v.itemCategory(5), 0}, 1_000L)));
    assertArrayEquals(dense, empty, 0f);
    // unknown candidate: item 0, with the category given for it (when known), else 0
    UserHistory h = new UserHistory(new String[] {"i1", "i2", "new-thing"}, new long[] {100, 200, 300}, null,
        new String[] {null, null, "t3"});
    float[] given = m.score(new ScoringModel.Request(h, List.of("no-such-item", "i1"), Arrays.asList("t3", null), 400L));
    DenseQuery q = m.query(new ScoringModel.Request(h, List.of("no-such-item"), List.of("t3"), 400L));
    assertArrayEquals(new int[] {1, 2, 0}, q.items());                                   // unknown history item → 0
    assertArrayEquals(new int[] {v.itemCategory(1), v.itemCategory(2), v.category("t3")}, q.categories());
    assertArrayEquals(new int[] {1, 1, 1}, q.behaviors());                              // no behaviors given → code 1
    assertArrayEquals(new int[] {0}, q.targets());
    assertArrayEquals(new int[] {v.category("t3")}, q.targetCategories());
    assertEquals(m.scoreDense(List.of(q))[0], given[0], 1e-6);   // another batch: same up to float rounding
    float[] none = m.score(new ScoringModel.Request(h, List.of("no-such-item"), null, 400L));
    assertEquals(0, m.query(new ScoringModel.Request(h, List.of("no-such-item"), null, 400L)).targetCategories()[0]);
    assertTrue(none[0] > 0 && none[0] < 1);
    // default time: 1 s after the last event; events are sorted by time
    UserHistory shuffled = new UserHistory(new String[] {"new-thing", "i2", "i1"}, new long[] {300, 200, 100}, null,
        new String[] {"t3", null, null});
    assertEquals(301L, m.query(new ScoringModel.Request(shuffled, cands, null, null)).ts());
    assertArrayEquals(q.items(), m.query(new ScoringModel.Request(shuffled, cands, null, null)).items());
    assertEquals(0, m.score(h, List.of()).length);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> m.score(new ScoringModel.Request(h, cands, null, 250L)))
        .getMessage().contains("before the last history event"));
  }

  @Test
  void theManifestHandsOutImmutableCopies() {
    ModelManifest m = ScoringModel.load(din.modelDir()).manifest();
    assertThrows(UnsupportedOperationException.class, () -> m.config().put("seed", 7));
    assertThrows(UnsupportedOperationException.class, () -> m.files().clear());
    assertThrows(UnsupportedOperationException.class, () -> m.behaviors().add("click"));
    Object dataset = m.provenance().get("dataset");
    assertTrue(dataset instanceof java.util.Map<?, ?>, "provenance.dataset " + dataset);
    @SuppressWarnings("unchecked") java.util.Map<String, Object> nested = (java.util.Map<String, Object>) dataset;
    assertThrows(UnsupportedOperationException.class, () -> nested.put("dir", "elsewhere"));
    java.util.Map<String, Object> config = new java.util.LinkedHashMap<>(m.config());
    ModelManifest copy = new ModelManifest(m.formatVersion(), m.model(), m.modelId(), m.items(), m.categories(), m.behaviors(),
        config, m.provenance(), m.files());
    config.put("seed", 7);   // the caller's map changes; the manifest's copy does not
    assertEquals(m.config(), copy.config());
  }

  @Test
  void onlyTheModelsWindowOfALongHistoryIsRead() {
    for (ScoringFixture f : List.of(din, r2led)) {
      ScoringModel m = ScoringModel.load(f.modelDir());
      int w = m.historyWindow();
      assertTrue(w > 0 && w < 5_000, m.manifest().model() + " window " + w);
      int t = w + 37;
      SplittableRandom rnd = new SplittableRandom(3);
      String[] items = new String[t];
      long[] ts = new long[t];
      for (int i = 0; i < t; i++) {
        items[i] = rnd.nextInt(9) == 0 ? "no-such-item" : "i" + (1 + rnd.nextInt(60));
        ts[i] = 1_000 + 10L * i;
      }
      List<String> cands = List.of("i3", "i7", "i40", "no-such-item");
      UserHistory all = new UserHistory(items, ts, null, null);
      UserHistory last = new UserHistory(Arrays.copyOfRange(items, t - w, t), Arrays.copyOfRange(ts, t - w, t), null, null);
      DenseQuery q = m.query(new ScoringModel.Request(all, cands, null, null));
      assertEquals(w, q.length(), m.manifest().model());
      assertEquals(ts[t - 1] + 1, q.ts());
      assertArrayEquals(m.score(last, cands), m.score(all, cands), 0f, m.manifest().model());
    }
  }

  @Test
  void malformedIdsAreRefusedNotScoredAsUnknown() {
    ScoringModel m = ScoringModel.load(din.modelDir());
    UserHistory ok = new UserHistory(new String[] {"i1", "never-seen"}, new long[] {100, 200}, null, null);
    assertEquals(2, m.score(ok, List.of("i2", "also-never-seen")).length);    // unknown but valid: the fallback
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.score(new UserHistory(new String[] {"i1", "\ud800"}, new long[] {100, 200}, null, null), List.of("i2")));
    assertEquals("history event 1: item id \"\\ud800\" is not valid Unicode: unpaired surrogate U+D800 at index 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.score(ok, List.of("i2", "a\nb")));
    assertTrue(e.getMessage().startsWith("candidate 1: item id \"a\\u000ab\" contains a control character U+000A"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.score(ok, java.util.Arrays.asList("i2", null)));
    assertTrue(e.getMessage().startsWith("candidate 1: item id null is missing"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.score(
        new UserHistory(new String[] {"i1"}, new long[] {100}, new String[] {"x".repeat(1025)}, new String[] {"c"}), List.of("i2")));
    assertTrue(e.getMessage().contains("history event 0: behavior") && e.getMessage().contains("1025 bytes"), e.getMessage());
  }

  @Test
  void damagedFilesAndOtherFormatVersionsAreRefusedNamingTheFile() throws Exception {
    for (String file : List.of(ModelManifest.PARAMS, ModelManifest.ITEM_RAW_IDS, "sids/codes.i32", ModelManifest.CONFIG)) {
      Path copy = copyOf(r2led.modelDir(), file.replace('/', '_'));
      flipByte(copy.resolve(file));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScoringModel.load(copy));
      assertTrue(e.getMessage().contains(copy.resolve(file).toString()) && e.getMessage().contains("damaged"), e.getMessage());
    }
    Path missing = copyOf(r2led.modelDir(), "missing");
    Files.delete(missing.resolve(ModelManifest.ITEM_CATEGORY));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScoringModel.load(missing));
    assertTrue(e.getMessage().contains(ModelManifest.ITEM_CATEGORY) && e.getMessage().contains("missing"), e.getMessage());
    Path future = copyOf(r2led.modelDir(), "future");
    Path json = future.resolve(ModelManifest.FILE);
    Files.writeString(json, Files.readString(json).replace("\"formatVersion\" : 1", "\"formatVersion\" : 99"));
    e = assertThrows(IllegalArgumentException.class, () -> ScoringModel.load(future));
    assertTrue(e.getMessage().contains("format version 99") && e.getMessage().contains(json.toString()), e.getMessage());
  }

  /**
   * One history of 1,000 events × 100 candidates (the models' default sizes, the case {@code bench scoring}
   * times): every score is a probability, the same request gives the same scores, and each candidate scores
   * as it does alone (so a candidate listed twice scores the same twice).
   */
  @Test
  void aLongHistoryScoresEachOfHundredCandidatesAsItScoresAlone() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 1000;
    String[] items = new String[n];
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      items[i] = "i" + (1 + r.nextInt(TinyTask.ITEMS));
      ts[i] = 1_000_000L + 60L * i;
    }
    List<String> cands = new ArrayList<>();
    for (int j = 0; j < 100; j++) cands.add("i" + (1 + r.nextInt(TinyTask.ITEMS)));
    UserHistory h = new UserHistory(items, ts, null, null);
    for (ScoringFixture f : List.of(din, r2led)) {
      ScoringModel m = ScoringModel.load(f.modelDir());
      String model = m.manifest().model();
      float[] p = m.score(h, cands);
      assertEquals(100, p.length);
      assertArrayEquals(p, m.score(h, cands), model + ": the same request gives the same scores");
      for (int j = 0; j < p.length; j++) {
        assertTrue(p[j] > 0 && p[j] < 1, model + " candidate " + j + ": " + p[j] + " is not a probability");
        assertEquals(p[j], m.score(h, List.of(cands.get(j)))[0], 1e-6, model + " candidate " + j + " (" + cands.get(j)
            + ") scored alone");
      }
    }
  }

  private static Path copyOf(Path dir, String name) throws Exception {
    Path to = tmp.resolve("copies").resolve(name);
    FileTrees.copy(dir, to);
    return to;
  }

  private static void flipByte(Path file) throws Exception {
    byte[] b = Files.readAllBytes(file);
    b[b.length / 2] ^= 0x01;
    Files.write(file, b);
  }
}
