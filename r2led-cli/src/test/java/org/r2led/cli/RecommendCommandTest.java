package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.recall.RecallRun;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.http.Limits;
import org.r2led.serving.http.ServeApp;
import org.r2led.serving.store.EventStore;

/**
 * {@code recommend} and {@code POST /v1/recommend}: the final order, seen items (left out on rating data, kept on
 * click data, either way on request) and item text.
 */
class RecommendCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  /** Column {@code col} of the printed recommendations (header skipped). */
  private static double[] column(String out, int col) {
    return out.lines().skip(1).mapToDouble(l -> Double.parseDouble(l.split("\t")[col])).toArray();
  }

  /** The printed items, best first. */
  private static List<String> items(String out) {
    return out.lines().skip(1).map(l -> l.split("\t")[1]).toList();
  }

  private static boolean nonIncreasing(double[] v) {
    for (int k = 1; k < v.length; k++) if (v[k] > v[k - 1]) return false;
    return true;
  }

  /** A {@code popular} retrieval run on {@code data}. */
  private Path popular(Path data) {
    Path run = tmp.resolve("popular");
    CliRun train = CliRun.of("retrieve", "train", "--data", data.toString(), "--model", "popular", "--out", run.toString(),
        "--no-progress");
    assertEquals(0, train.code(), train.err());
    return run;
  }

  /** Source ids of every item in the stored history of source user {@code user}. */
  private static Set<String> history(PreparedDataset ds, String user) throws Exception {
    int u = Files.readAllLines(ds.dir().resolve("users/raw_id.txt")).indexOf(user);
    Set<String> out = new LinkedHashSet<>();
    for (int e = 0; e < ds.seqLength(u); e++) out.add(ds.itemRawIds().get(ds.eventItem(ds.seqStart(u) + e)));
    return out;
  }

  private static long overlap(List<String> items, Set<String> history) {
    return items.stream().filter(history::contains).count();
  }

  @Test
  void retrievalWeightMovesTheFinalOrderFromTheRankerToTheRetriever() throws Exception {
    Path run = popular(ServeFixture.data());
    String user = Files.readAllLines(ServeFixture.data().resolve("users/raw_id.txt")).get(5);
    List<String> common = List.of("recommend", "--retriever", run.toString(), "--ranker", ServeFixture.model().toString(),
        "--user", user, "--n", "8", "--candidates", "40");
    CliRun byRanker = CliRun.of(concat(common, "--retrieval-weight", "0"));
    assertEquals(0, byRanker.code(), byRanker.err());
    assertEquals(9, byRanker.out().lines().count(), byRanker.out());
    assertTrue(nonIncreasing(column(byRanker.out(), 2)), "ranker order: " + byRanker.out());
    CliRun byRetriever = CliRun.of(concat(common, "--retrieval-weight", "1"));
    assertEquals(0, byRetriever.code(), byRetriever.err());
    assertTrue(nonIncreasing(column(byRetriever.out(), 3)), "retriever order: " + byRetriever.out());
    CliRun bad = CliRun.of(concat(common, "--retrieval-weight", "2"));
    assertTrue(bad.code() != 0 && bad.err().contains("retrieval weight = 2.0; expected a number in [0, 1]"), bad.err());
  }

  @Test
  void ratingDataLeavesOutWhatTheUserRatedUnlessKeepSeenAndPrintsTitles() throws Exception {
    Path data = ServeFixture.rating().resolve("ds");
    PreparedDataset ds = PreparedDataset.open(data);
    Path run = popular(data);
    List<String> common = List.of("recommend", "--retriever", run.toString(), "--ranker",
        ServeFixture.rating().resolve("model").toString(), "--n", "10", "--candidates", "20");
    List<String> texts = ds.itemTexts();
    for (String user : List.of("1", "2", "3")) {
      Set<String> seen = history(ds, user);
      CliRun byDefault = CliRun.of(concat(common, "--user", user));
      assertEquals(0, byDefault.code(), byDefault.err());
      assertEquals(10, items(byDefault.out()).size(), byDefault.out());
      assertEquals(0, overlap(items(byDefault.out()), seen), "user " + user + " rated " + seen + ":\n" + byDefault.out());
      assertEquals(byDefault.out(), CliRun.of(concat(common, "--user", user, "--exclude-seen")).out());
      CliRun kept = CliRun.of(concat(common, "--user", user, "--keep-seen"));
      assertEquals(0, kept.code(), kept.err());
      assertTrue(overlap(items(kept.out()), seen) > 0, "user " + user + " rated " + seen + ":\n" + kept.out());
      assertTrue(byDefault.out().startsWith("rank\titem\tranker_score\tretrieval_score\ttext\n"), byDefault.out());
      for (String line : byDefault.out().lines().skip(1).toList()) {
        String[] f = line.split("\t");
        assertEquals(RecommendCommand.shorten(texts.get(ds.itemRawIds().indexOf(f[1]))), f[4], line);
      }
    }
    CliRun few = CliRun.of("recommend", "--retriever", run.toString(), "--ranker", ServeFixture.rating().resolve("model").toString(),
        "--user", "1", "--n", "40", "--candidates", "40");
    assertEquals(0, few.code(), few.err());
    int left = items(few.out()).size();
    assertTrue(left <= 40 - history(ds, "1").size(), few.out());
    assertTrue(few.err().contains("note: only " + left + " of 40 items left once the user's own items are excluded"), few.err());
    CliRun both = CliRun.of(concat(common, "--user", "1", "--keep-seen", "--exclude-seen"));
    assertTrue(both.code() != 0 && both.err().contains("--keep-seen and --exclude-seen exclude each other"), both.err());
  }

  @Test
  void twoStageEvaluationFollowsTheSameRuleAndKeepSeenReproducesTheRetriever() {
    Path data = ServeFixture.rating().resolve("ds");
    List<String> common = List.of("retrieve", "evaluate", "--run", popular(data).toString(), "--ranker",
        ServeFixture.rating().resolve("model").toString(), "--candidates", "20", "--n", "10", "--retrieval-weight", "1");
    CliRun kept = CliRun.of(concat(common, "--keep-seen"));
    assertEquals(0, kept.code(), kept.err());
    List<String> hr = kept.out().lines().filter(l -> l.startsWith("HR@10")).toList();
    assertEquals(2, hr.size(), kept.out());
    assertEquals(hr.get(0), hr.get(1), "ρ = 1 with seen items kept is the retriever alone:\n" + kept.out());
    CliRun byDefault = CliRun.of(common.toArray(new String[0]));
    assertEquals(0, byDefault.code(), byDefault.err());
    assertTrue(byDefault.out().contains("two-stage over 20 unseen candidates"), byDefault.out());
    double before = Double.parseDouble(hr.get(1).split("\\s+")[1]);
    double after = Double.parseDouble(byDefault.out().lines().filter(l -> l.startsWith("HR@10")).toList().get(1).split("\\s+")[1]);
    assertTrue(after >= before, "a rated movie is never the next one, so leaving them out cannot lose: " + before + " -> " + after);
  }

  @Test
  void shortenKeepsTextOnOneLineAndCutsItAtTheWidth() {
    assertEquals("", RecommendCommand.shorten(null));
    assertEquals("a b", RecommendCommand.shorten("a\tb"));
    String cut = RecommendCommand.shorten(ServeFixture.LONG_TITLE + ". Genres: Drama.");
    assertEquals(RecommendCommand.TEXT_WIDTH, cut.length(), cut);
    assertEquals(ServeFixture.LONG_TITLE.substring(0, RecommendCommand.TEXT_WIDTH - 3) + "...", cut);
  }

  @Test
  void clickDataKeepsRepeatsUnlessExcludeSeen() throws Exception {
    Path run = popular(ServeFixture.data());
    PreparedDataset ds = PreparedDataset.open(ServeFixture.data());
    String user = Files.readAllLines(ServeFixture.data().resolve("users/raw_id.txt")).get(5);
    Set<String> seen = history(ds, user);
    List<String> common = List.of("recommend", "--retriever", run.toString(), "--ranker", ServeFixture.model().toString(),
        "--user", user, "--n", "8", "--candidates", "40");
    CliRun byDefault = CliRun.of(common.toArray(new String[0]));
    assertEquals(0, byDefault.code(), byDefault.err());
    assertTrue(overlap(items(byDefault.out()), seen) > 0, "repeats kept: " + byDefault.out());
    assertEquals(byDefault.out(), CliRun.of(concat(common, "--keep-seen")).out());
    CliRun excluded = CliRun.of(concat(common, "--exclude-seen"));
    assertEquals(0, excluded.code(), excluded.err());
    assertEquals(8, items(excluded.out()).size(), excluded.out());
    assertEquals(0, overlap(items(excluded.out()), seen), excluded.out());
  }

  @Test
  void theHttpRouteHonoursAndValidatesKeepSeenAndCarriesText() throws Exception {
    Path data = ServeFixture.rating().resolve("ds");
    PreparedDataset ds = PreparedDataset.open(data);
    RecallRun.Loaded r = new RetrieverOptions().load(popular(data));
    Set<String> seen = history(ds, "2");
    StringBuilder events = new StringBuilder("[");
    long ts = 1_700_000_000L;
    for (String item : seen) events.append(events.length() > 1 ? "," : "").append("{\"user\":\"2\",\"item\":\"").append(item)
        .append("\",\"ts\":").append(ts++).append('}');
    events.append(']');
    try (EventStore store = EventStore.open(tmp.resolve("store"), 100);
        ServeApp app = new ServeApp(ScoringModel.load(ServeFixture.rating().resolve("model")), store, Limits.DEFAULT, 1)
            .withRetriever(r.retriever(), r.dataset())) {
      int port = app.start("127.0.0.1", 0);
      assertEquals(200, ServeFixture.send(port, "POST", "/v1/events", events.toString()).status());
      JsonNode byDefault = recommend(port, "{\"user\":\"2\",\"n\":10,\"candidates\":20}");
      assertFalse(byDefault.path("keep_seen").asBoolean(true), byDefault.toString());
      assertEquals(0, overlap(items(byDefault), seen), byDefault.toString());
      for (JsonNode it : byDefault.path("items")) {
        assertEquals(ds.itemTexts().get(ds.itemRawIds().indexOf(it.path("item").asText())), it.path("text").asText(), it.toString());
      }
      assertEquals(items(byDefault), items(recommend(port, "{\"user\":\"2\",\"n\":10,\"candidates\":20,\"keep_seen\":null}")));
      JsonNode kept = recommend(port, "{\"user\":\"2\",\"n\":10,\"candidates\":20,\"keep_seen\":true}");
      assertTrue(kept.path("keep_seen").asBoolean(), kept.toString());
      assertTrue(overlap(items(kept), seen) > 0, kept.toString());
      for (String bad : List.of("\"yes\"", "1", "[true]")) {
        ServeFixture.Reply reply = ServeFixture.send(port, "POST", "/v1/recommend", "{\"user\":\"2\",\"keep_seen\":" + bad + "}");
        JsonNode j = JSON.readTree(reply.body());
        assertEquals(400, reply.status(), reply.body());
        assertEquals("keep_seen", j.path("field").asText(), reply.body());
        assertEquals(400, j.path("status").asInt(), reply.body());
        assertTrue(j.path("error").asText().startsWith("keep_seen must be true or false, got "), reply.body());
      }
    }
  }

  private static JsonNode recommend(int port, String body) throws Exception {
    ServeFixture.Reply reply = ServeFixture.send(port, "POST", "/v1/recommend", body);
    assertEquals(200, reply.status(), reply.body());
    return JSON.readTree(reply.body());
  }

  private static List<String> items(JsonNode reply) {
    List<String> out = new ArrayList<>();
    for (JsonNode it : reply.path("items")) out.add(it.path("item").asText());
    return out;
  }

  private static String[] concat(List<String> a, String... b) {
    String[] out = Arrays.copyOf(a.toArray(new String[0]), a.size() + b.length);
    System.arraycopy(b, 0, out, a.size(), b.length);
    return out;
  }
}
