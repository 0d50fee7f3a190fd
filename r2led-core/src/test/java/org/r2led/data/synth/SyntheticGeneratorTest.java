package org.r2led.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.DatasetLayout;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.io.Columns;

class SyntheticGeneratorTest {
  /** ~330k events, 800 users; generates in well under a second. */
  static final SynthConfig CFG = SynthConfig.quickstart().with(Map.of("users", "800", "items", "1500", "max_len", "2000"));

  @TempDir static Path shared;
  static PreparedDataset ds;
  static SynthSummary summary;

  @BeforeAll
  static void generate() {
    summary = SyntheticGenerator.generate(CFG, shared.resolve("ds"), null);
    ds = PreparedDataset.open(shared.resolve("ds"));
  }

  // ---------------------------------------------------------------- determinism

  @Test
  void sameSeedGivesByteIdenticalFilesAndOtherSeedsDiffer(@TempDir Path tmp) throws IOException {
    SynthConfig small = CFG.with(Map.of("users", "120", "max_len", "600"));
    SyntheticGenerator.generate(small, tmp.resolve("a"), null);
    SyntheticGenerator.generate(small, tmp.resolve("b"), null);
    SyntheticGenerator.generate(small.with("seed", 7), tmp.resolve("c"), null);
    List<String> files = relativeFiles(tmp.resolve("a"));
    assertEquals(files, relativeFiles(tmp.resolve("b")));
    assertTrue(files.containsAll(List.of("manifest.json", "synth.json", DatasetLayout.SEQ_ITEM, DatasetLayout.ITEM_TEXT,
        DatasetLayout.ITEM_TOPIC, DatasetLayout.ITEM_TOPIC_TOP, "samples/test/prob.f32", SyntheticGenerator.TOPICS_TSV)),
        "missing files in " + files);
    for (String f : files) {
      assertEquals(-1L, Files.mismatch(tmp.resolve("a").resolve(f), tmp.resolve("b").resolve(f)), "file differs: " + f);
    }
    for (String f : List.of("manifest.json", DatasetLayout.SEQ_ITEM, DatasetLayout.ITEM_TEXT, "samples/train/label.i8")) {
      assertNotEquals(-1L, Files.mismatch(tmp.resolve("a").resolve(f), tmp.resolve("c").resolve(f)), "seed 7 gave same " + f);
    }
  }

  private static List<String> relativeFiles(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  // ---------------------------------------------------------------- counts and layout

  @Test
  void manifestCountsMatchTheFilesAndSettings() {
    assertEquals("synthetic", ds.manifest().source());
    assertEquals(CFG.users(), ds.numUsers());
    assertEquals(CFG.items(), ds.numItems());
    assertEquals(CFG.topTopics() * CFG.subTopics(), ds.numCategories()); // category_level = sub
    assertEquals(SyntheticGenerator.countEvents(CFG), ds.numEvents());
    assertEquals(List.of("click"), ds.manifest().behaviors());
    assertEquals(CFG.numLeaves(), ds.manifest().count("topics_leaf"));
    assertEquals(CFG.seed(), ((Number) ds.manifest().protocol().get("seed")).longValue());
    assertEquals(CFG.clickLong(), ((Number) ds.manifest().protocol().get("click_long")).doubleValue());
    // 20 samples per user: round(10%) = 2 test, 2 valid, 16 train
    assertEquals(16L * CFG.users(), ds.split(Split.TRAIN).size());
    assertEquals(2L * CFG.users(), ds.split(Split.VALID).size());
    assertEquals(2L * CFG.users(), ds.split(Split.TEST).size());
    assertTrue(ds.split(Split.TEST).hasTrueProbabilities());
    int[] topics = ds.itemTopics();
    int[] tops = ds.itemTopTopics();
    assertEquals(CFG.items() + 1, topics.length);
    for (int i = 1; i <= CFG.items(); i++) {
      assertTrue(topics[i] >= 1 && topics[i] <= CFG.numLeaves(), "leaf topic of item " + i);
      assertEquals((topics[i] - 1) / (CFG.leafTopics() * CFG.subTopics()) + 1, tops[i], "theme of item " + i);
      assertEquals((topics[i] - 1) / CFG.leafTopics() + 1, ds.itemCategory(i), "category (= sub-topic) of item " + i);
    }
  }

  @Test
  void eventsAreTimeOrderedAndConsistentWithTheItemTable() {
    for (int u = 0; u < ds.numUsers(); u++) {
      long start = ds.seqStart(u);
      long prev = Long.MIN_VALUE;
      for (int e = 0; e < ds.seqLength(u); e++) {
        long ts = ds.eventTs(start + e);
        assertTrue(ts > prev, "user " + u + " event " + e + " time not increasing");
        prev = ts;
        int item = ds.eventItem(start + e);
        assertTrue(item >= 1 && item <= ds.numItems());
        assertEquals(ds.itemCategory(item), ds.eventCategory(start + e));
      }
    }
  }

  @Test
  void samplesAreInTheLatterPartAndNeverSeeTheFuture() {
    int[] lastPos = new int[ds.numUsers()];
    for (Split s : Split.values()) { // splits are in time order per user: train < valid < test
      SampleSplit sp = ds.split(s);
      for (int i = 0; i < sp.size(); i++) {
        int u = sp.user(i);
        int pos = sp.pos(i);
        int len = ds.seqLength(u);
        assertTrue(pos >= Math.ceil(CFG.sampleStart() * len) && pos <= len, "pos " + pos + " of len " + len);
        long lastHistoryTs = ds.eventTs(ds.seqStart(u) + pos - 1);
        assertTrue(sp.ts(i) > lastHistoryTs, "sample " + i + " of " + s + " is not after its history");
        if (pos < len) assertTrue(sp.ts(i) < ds.eventTs(ds.seqStart(u) + pos), "sample " + i + " after the next event");
        assertEquals(ds.itemCategory(sp.item(i)), sp.category(i));
        float p = sp.trueProbability(i);
        assertTrue(p > 0 && p < 1, "probability " + p);
        assertTrue(pos >= lastPos[u], "user " + u + ": a " + s + " sample precedes an earlier split's sample");
      }
      for (int i = 0; i < sp.size(); i++) lastPos[sp.user(i)] = Math.max(lastPos[sp.user(i)], sp.pos(i));
      if (s != Split.TRAIN) continue;
      for (int i = 1; i < sp.size(); i++) {
        if (sp.user(i) == sp.user(i - 1)) assertTrue(sp.pos(i) >= sp.pos(i - 1), "train samples in time order");
      }
    }
  }

  // ---------------------------------------------------------------- structure

  @Test
  void sequenceLengthsAreHeavyTailedWithinBounds() {
    int n = ds.numUsers();
    int[] len = new int[n];
    for (int u = 0; u < n; u++) len[u] = ds.seqLength(u);
    Arrays.sort(len);
    int median = len[n / 2];
    int p99 = len[(int) (n * 0.99)];
    double mean = Arrays.stream(len).average().orElseThrow();
    assertTrue(len[0] >= CFG.minLen() && len[n - 1] <= CFG.maxLen(), "lengths outside [min_len, max_len]");
    assertEquals(CFG.lenMedian(), median, 0.15 * CFG.lenMedian(), "median length");
    assertTrue(p99 >= 5 * median, "p99 " + p99 + " should be >= 5x median " + median);
    assertTrue(len[n - 1] >= 8 * median, "max " + len[n - 1] + " vs median " + median);
    assertTrue(mean > 1.5 * median, "right-skewed: mean " + mean + " vs median " + median);
    assertTrue(len[(int) (n * 0.05)] < median / 2, "a short-history tail too");
  }

  @Test
  void itemPopularityIsZipfGloballyAndWithinATopic() {
    long[] count = new long[ds.numItems() + 1];
    for (long e = 0; e < ds.numEvents(); e++) count[ds.eventItem(e)]++;
    long[] all = Arrays.stream(count, 1, count.length).toArray();
    assertEquals(-CFG.itemZipf(), logLogSlope(all, 300), 0.15, "global rank-frequency slope");

    // Within topics: the median over leaves of at least 10 items of the slope over their ranks 2..n (the
    // leaf that holds the global #1 item necessarily has a steeper head, so each leaf's top is skipped).
    int[] topics = ds.itemTopics();
    List<Double> slopes = new ArrayList<>();
    for (int leaf = 1; leaf <= CFG.numLeaves(); leaf++) {
      List<Long> inLeaf = new ArrayList<>();
      for (int i = 1; i <= ds.numItems(); i++) if (topics[i] == leaf) inLeaf.add(count[i]);
      if (inLeaf.size() < 10) continue;
      long[] sorted = inLeaf.stream().mapToLong(Long::longValue).sorted().toArray();
      slopes.add(logLogSlope(Arrays.copyOf(sorted, sorted.length - 1), sorted.length - 1, 2));
    }
    assertTrue(slopes.size() >= 30, "leaves with >= 10 items: " + slopes.size());
    java.util.Collections.sort(slopes);
    assertEquals(-CFG.itemZipf(), slopes.get(slopes.size() / 2), 0.2, "median within-topic slope");
  }

  /** Least-squares slope of log(frequency) against log(rank) over the top {@code top} ranks. */
  static double logLogSlope(long[] counts, int top) {
    return logLogSlope(counts, top, 1);
  }

  /** The same with ranks counted from {@code firstRank} (for counts whose true top was removed). */
  static double logLogSlope(long[] counts, int top, int firstRank) {
    long[] sorted = counts.clone();
    Arrays.sort(sorted);
    int n = Math.min(top, sorted.length);
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (int r = 1; r <= n; r++) {
      double x = Math.log(r + firstRank - 1);
      double y = Math.log(Math.max(1, sorted[sorted.length - r]));
      sx += x; sy += y; sxx += x * x; sxy += x * y;
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
  }

  @Test
  void titlesAreMadeOfTheirOwnTopicsWords() throws IOException {
    List<String> lines = Files.readAllLines(ds.dir().resolve(SyntheticGenerator.TOPICS_TSV));
    Map<String, List<String[]>> rows = new java.util.HashMap<>();
    for (String line : lines.subList(1, lines.size())) rows.computeIfAbsent(line.split("\t")[0], k -> new ArrayList<>()).add(line.split("\t"));
    int[] topics = ds.itemTopics();
    int[] tops = ds.itemTopTopics();
    WordBank bank = WordBank.builtIn();
    Set<String> filler = new HashSet<>(bank.adjectives());
    filler.addAll(bank.nouns());
    filler.addAll(TitleWriter.CONNECTORS);
    List<String> texts = ds.itemTexts();
    Set<String> distinct = new HashSet<>();
    for (int i = 1; i <= ds.numItems(); i++) {
      String[] leafRow = rows.get("leaf").get(topics[i] - 1);
      String[] subRow = rows.get("sub").get(Integer.parseInt(leafRow[2]) - 1);
      String[] topRow = rows.get("top").get(tops[i] - 1);
      Set<String> leafWords = Set.of(leafRow[4].split(" "));
      Set<String> themeWords = new HashSet<>(List.of(subRow[4].split(" ")));
      themeWords.addAll(List.of(topRow[4].split(" ")));
      String title = texts.get(i);
      List<String> words = List.of(title.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "").split(" +"));
      assertTrue(words.stream().anyMatch(leafWords::contains), "title '" + title + "' has no word of leaf " + leafRow[3]);
      for (String w : words) {
        assertTrue(themeWords.contains(w) || filler.contains(w), "'" + w + "' in '" + title + "' is not from " + topRow[3]);
      }
      assertEquals(new HashSet<>(words).size(), words.size(), "repeated word in '" + title + "'");
      distinct.add(title);
    }
    assertTrue(distinct.size() > 0.9 * ds.numItems(), "titles should be mostly distinct: " + distinct.size());
  }

  @Test
  void longTermInterestsRecurThroughoutTheSequence() {
    long[] off = Columns.readLongs(ds.dir().resolve(InterestWriter.OFFSETS));
    int[] leaves = Columns.readInts(ds.dir().resolve(InterestWriter.LEAVES));
    float[] weights = Columns.readFloats(ds.dir().resolve(InterestWriter.WEIGHTS));
    int[] topics = ds.itemTopics();
    assertEquals(ds.numUsers() + 1, off.length);
    int pairs = 0;
    int recurring = 0;
    int otherFrequent = 0;
    int otherRecurring = 0;
    for (int u = 0; u < ds.numUsers(); u++) {
      int k = (int) (off[u + 1] - off[u]);
      assertTrue(k >= CFG.longInterestsMin() && k <= CFG.longInterestsMax());
      double wsum = 0;
      for (int j = 0; j < k; j++) wsum += weights[(int) off[u] + j];
      assertEquals(1.0, wsum, 1e-5);
      int len = ds.seqLength(u);
      if (len < 900) continue;
      int third = len / 3;
      int[] first = new int[CFG.numLeaves() + 1];
      int[] last = new int[CFG.numLeaves() + 1];
      for (int e = 0; e < len; e++) {
        int leaf = topics[ds.eventItem(ds.seqStart(u) + e)];
        if (e < third) first[leaf]++;
        if (e >= len - third) last[leaf]++;
      }
      Set<Integer> mine = new HashSet<>();
      for (int j = 0; j < k; j++) {
        int leaf = leaves[(int) off[u] + j];
        mine.add(leaf);
        if (weights[(int) off[u] + j] < 0.1) continue;
        pairs++;
        if (first[leaf] > 0 && last[leaf] > 0) recurring++;
      }
      for (int l = 1; l <= CFG.numLeaves(); l++) { // leaves that were busy early but are not long-term interests
        if (mine.contains(l) || first[l] < 15) continue;
        otherFrequent++;
        if (last[l] >= 15) otherRecurring++;
      }
    }
    assertTrue(pairs >= 50, "too few long users to judge: " + pairs);
    assertTrue(recurring >= 0.95 * pairs, recurring + " of " + pairs + " long-term interests recur in both thirds");
    assertTrue(otherFrequent >= 20, "too few short-term bursts to compare: " + otherFrequent);
    double other = (double) otherRecurring / otherFrequent;
    assertTrue(other < 0.8, "short-term bursts should mostly not recur strongly; fraction " + other);
  }

  // ---------------------------------------------------------------- click model

  @Test
  void labelsFollowTheTrueProbabilities() {
    double sumP = 0;
    long pos = 0;
    long n = 0;
    for (Split s : Split.values()) {
      SampleSplit sp = ds.split(s);
      for (int i = 0; i < sp.size(); i++) { sumP += sp.trueProbability(i); pos += sp.label(i); n++; }
    }
    assertEquals(sumP / n, (double) pos / n, 0.015, "calibration: mean label vs mean true probability");
    assertTrue(pos / (double) n > 0.2 && pos / (double) n < 0.6, "positive rate " + pos / (double) n);
    assertEquals(summary.positiveRate(), (double) pos / n, 1e-12);
  }

  @Test
  void longTermInterestMatchesDriveTheTrueProbability() {
    long[] off = Columns.readLongs(ds.dir().resolve(InterestWriter.OFFSETS));
    int[] leaves = Columns.readInts(ds.dir().resolve(InterestWriter.LEAVES));
    int[] topics = ds.itemTopics();
    double[] sum = new double[2];
    long[] n = new long[2];
    SampleSplit sp = ds.split(Split.TRAIN);
    for (int i = 0; i < sp.size(); i++) {
      int u = sp.user(i);
      int leaf = topics[sp.item(i)];
      int match = 0;
      for (long j = off[u]; j < off[u + 1]; j++) if (leaves[(int) j] == leaf) match = 1;
      sum[match] += sp.trueProbability(i);
      n[match]++;
    }
    assertTrue(n[1] > 0.2 * sp.size(), "targets from long-term interests: " + n[1]);
    double inInterest = sum[1] / n[1];
    double outside = sum[0] / n[0];
    assertTrue(inInterest > outside + 0.35, "mean p in a long-term interest " + inInterest + " vs outside " + outside);
  }

  @Test
  void longHistoriesBeatAShortWindowAndTheOracleBeatsBoth() {
    SynthAnalysis.Aucs a = SynthAnalysis.aucs(ds, 50);
    assertTrue(a.oracle() > 0.85, "oracle AUC " + a.oracle());
    assertTrue(a.oracle() > a.fullHistory() + 0.1, "oracle " + a.oracle() + " vs full-history predictor " + a.fullHistory());
    assertTrue(a.shortWindow() > 0.6, "the short window is informative too: " + a.shortWindow());
    assertTrue(a.fullHistory() > a.shortWindow() + 0.03,
        "full history " + a.fullHistory() + " should clearly beat the last-50 window " + a.shortWindow());
  }

  // ---------------------------------------------------------------- reuse and guards

  @Test
  void reusesAnUpToDateDatasetAndRegeneratesOnChange(@TempDir Path tmp) {
    SynthConfig small = CFG.with(Map.of("users", "30", "max_len", "100"));
    Path dir = tmp.resolve("d");
    assertFalse(SyntheticGenerator.generateOrReuse(small, dir, null).reused());
    assertTrue(SyntheticGenerator.isUpToDate(small, dir));
    assertTrue(SyntheticGenerator.generateOrReuse(small, dir, null).reused());
    SynthConfig other = small.with("click_bias", -2.5);
    assertFalse(SyntheticGenerator.isUpToDate(other, dir));
    SynthSummary again = SyntheticGenerator.generateOrReuse(other, dir, null);
    assertFalse(again.reused());
    assertEquals(-2.5, ((Number) again.manifest().protocol().get("click_bias")).doubleValue());
  }

  @Test
  void refusesANonEmptyDirectoryThatIsNotADataset(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("notes.txt"), "mine");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SyntheticGenerator.generate(CFG.with("users", 5), tmp, null));
    assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
  }

  @Test
  void usersForEventsIsTheSmallestSufficientCount() {
    long target = 50_000;
    int users = SyntheticGenerator.usersForEvents(CFG, target);
    assertTrue(SyntheticGenerator.countEvents(CFG.with("users", users)) >= target);
    assertTrue(SyntheticGenerator.countEvents(CFG.with("users", users - 1)) < target);
  }
}
