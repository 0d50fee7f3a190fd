package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.cli.learn.Learner.Step;
import org.r2led.data.PreparedDataset;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.http.ServerOptions;
import org.r2led.serving.store.StoreLoader;
import org.r2led.sid.CodebookFiles;
import org.r2led.sid.SidTable;
import org.r2led.sid.embed.BgeSmallEncoder;
import org.r2led.sid.quant.RqKMeansQuantizer;

/**
 * One learning cycle of a served R2LED model with Semantic IDs built from the item texts (the serve fixture's
 * data, its titles): new items shown in the posted impressions get their own embedding rows and their own SIDs,
 * coded from their catalog text ({@code learn --items}) with the model's saved codebooks (known items keep their
 * codes, the codebooks are not re-trained) or, without text, the documented fallback code; two new items with
 * different texts get different codes and scores. A forced-worse candidate is not promoted, and a learner killed
 * at {@link Step#SIDS} leaves the served model and the state as they were.
 */
class LearnSidTest {
  @TempDir Path tmp;

  @Test
  void newItemsScoreWithTheirOwnRowsAndSidsCodedWithTheModelsCodebooks() throws Exception {
    Path data = ServeFixture.data();
    Path sids = tmp.resolve("sids");
    ok(CliRun.of("sid", "build", "--data", data.toString(), "--out", sids.toString(), "--levels", "2", "--codebook-size", "8",
        "--seed", "1", "--threads", "1"));
    ok(CliRun.of("train", "--data", data.toString(), "--model", "r2led", "--sids", sids.toString(), "--out", tmp.resolve("run").toString(),
        "--no-progress", "--set", "epochs=1", "--set", "embedding_dim=8"));
    Path model = tmp.resolve("model");
    ok(CliRun.of("export", "--run", tmp.resolve("run").toString(), "--out", model.toString()));
    ScoringModel m0 = ScoringModel.load(model);
    SidTable base = SidTable.load(model.resolve("sids"));

    // new-0 and new-1 take the texts of two items whose first-level codes differ; new-5 has no text (fallback)
    PreparedDataset fixture = PreparedDataset.open(data);
    List<String> texts = fixture.itemTexts();
    int a = 1;
    int b = 2;
    while (base.code(m0.vocabulary().item(fixture.itemRawIds().get(b)), 0) == base.code(m0.vocabulary().item(fixture.itemRawIds().get(a)), 0)) b++;
    Map<String, String> catalog = new HashMap<>();
    catalog.put("new-0", texts.get(a));
    catalog.put("new-1", texts.get(b));
    for (int k = 2; k <= 4; k++) catalog.put("new-" + k, texts.get(10 * k));
    StringBuilder csv = new StringBuilder("item,category,text\n");
    catalog.forEach((id, t) -> csv.append(id).append(",,\"").append(t.replace("\"", "\"\"")).append("\"\n"));
    Path items = Files.writeString(tmp.resolve("catalog.csv"), csv);

    try (ServeFixture.Served served = ServeFixture.serve(model, ServerOptions.defaults(2))) {
      int port = served.port();
      String url = "http://127.0.0.1:" + port;
      StoreLoader.load(fixture, served.store());
      LearnCommandTest.postImpressions(port, fixture);
      Path store = served.dir().resolve("store");
      assertEquals(m0.modelId(), LearnCommandTest.modelId(port));

      Path work = tmp.resolve("work");
      LearnCrashTest.killAt(Step.SIDS, model, store, work, url, "1", "--items", items.toString());
      assertTrue(Files.isDirectory(work.resolve("cycle/sids")), "killed after the SIDs were extended");
      assertFalse(Files.exists(work.resolve("state.json")));
      assertEquals(m0.modelId(), LearnCommandTest.modelId(port));

      CliRun worse = LearnCommandTest.learn(model, store, tmp.resolve("worse"), url, "--margin", "-1", "--items", items.toString());
      assertEquals(0, worse.code(), worse.err());
      assertTrue(worse.out().contains("| rejected"), worse.out());
      assertEquals(m0.modelId(), LearnCommandTest.modelId(port), "a forced-worse candidate is not served");

      CliRun r = LearnCommandTest.learn(model, store, work, url, "--margin", "1", "--items", items.toString());
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("| promoted"), r.out());
      Path v1dir = work.resolve("versions/v1");
      ScoringModel m1 = ScoringModel.load(v1dir);
      assertEquals(m1.modelId(), LearnCommandTest.modelId(port), "the service reloaded the candidate");
      SidTable grown = SidTable.load(v1dir.resolve("sids"));

      // not re-quantized: the same codebooks, every known item keeps its code
      for (String f : List.of("sids/codebooks")) assertSameFiles(model.resolve(f), v1dir.resolve(f));
      List<String> known = Files.readAllLines(model.resolve("items/raw_id.txt"));
      for (String id : known) {
        assertArrayEquals(base.codes(m0.vocabulary().item(id)), grown.codes(m1.vocabulary().item(id)), "known item " + id);
      }
      // own rows, and SIDs coded from the text with the model's codebooks
      int sem = base.semanticLevels();
      int[][] semantic = new int[6][];
      try (BgeSmallEncoder enc = new BgeSmallEncoder(1)) {
        for (int k = 0; k < 6; k++) {
          String id = "new-" + k;
          int dense = m1.vocabulary().item(id);
          assertTrue(dense > known.size(), id + " has its own row after the known items, got " + dense);
          semantic[k] = Arrays.copyOf(grown.codes(dense), sem);
          if (k == 5) continue;
          float[] v = enc.encode(List.of(catalog.get(id)))[0];
          int[] want = RqKMeansQuantizer.assign(CodebookFiles.readAll(model.resolve("sids")), v, 1, v.length, null);
          for (int l = 0; l < sem; l++) assertEquals(want[l] + 1, semantic[k][l], id + " level " + l);
        }
      }
      assertNotEquals(Arrays.toString(semantic[0]), Arrays.toString(semantic[1]), "different texts, different codes");
      assertEquals(Arrays.toString(mostCommonSemanticCode(base, known.size())), Arrays.toString(semantic[5]),
          "an item without text nor category: the most common code of the known items");

      JsonNode scores = LearnCommandTest.JSON.readTree(ServeFixture.send(port, "POST", "/v1/score",
          "{\"user\":\"" + Files.readAllLines(fixture.dir().resolve("users/raw_id.txt")).get(0)
              + "\",\"candidates\":[\"new-0\",\"new-1\",\"never-seen\"]}").body()).get("scores");
      assertNotEquals(scores.get(0).asDouble(), scores.get(1).asDouble(), "two new items with different texts score differently");
      assertNotEquals(scores.get(0).asDouble(), scores.get(2).asDouble(), "a new item does not score as out-of-vocabulary");
    }
  }

  /** The semantic code (all levels but the suffix) most items 1..n share; ties: the smallest. */
  private static int[] mostCommonSemanticCode(SidTable t, int n) {
    Map<String, Integer> counts = new HashMap<>();
    Map<String, int[]> codes = new HashMap<>();
    for (int i = 1; i <= n; i++) {
      int[] c = Arrays.copyOf(t.codes(i), t.semanticLevels());
      counts.merge(Arrays.toString(c), 1, Integer::sum);
      codes.put(Arrays.toString(c), c);
    }
    return codes.values().stream().sorted(Arrays::compare)
        .max((x, y) -> Integer.compare(counts.get(Arrays.toString(x)), counts.get(Arrays.toString(y))) != 0
            ? Integer.compare(counts.get(Arrays.toString(x)), counts.get(Arrays.toString(y))) : Arrays.compare(y, x))
        .orElseThrow();
  }

  private static void assertSameFiles(Path a, Path b) throws Exception {
    try (Stream<Path> files = Files.walk(a)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(a.relativize(f))), "codebook file " + a.relativize(f));
      }
    }
  }

  private static void ok(CliRun r) { assertEquals(0, r.code(), r.err()); }
}
