package org.r2led.recall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.r2led.data.DatasetLayout;
import org.r2led.data.Manifest;
import org.r2led.data.PreparedDataset;
import org.r2led.data.PreparedDatasetWriter;
import org.r2led.data.Split;
import org.r2led.io.Json;
import org.r2led.io.Progress;
import org.r2led.io.StagedDir;
import org.r2led.nextitem.NextItemProtocol;
import org.r2led.nextitem.UserSequence;
import org.r2led.recall.ann.Hits;

/**
 * A prepared CTR dataset whose samples are a retriever's candidates, so that any CTR model trained on it
 * ({@code r2led train}) learns to rank the candidate lists it will re-rank in the two-stage pipeline
 * ({@link TwoStage}), not impressions with one popularity-sampled negative.
 *
 * <p>Every next-item target ({@link NextItemProtocol}) becomes a group of samples: the user's stored events
 * before the target's event are the history, each of the retriever's top {@code candidates} items for the
 * positives before the target is a sample, labelled 1 when it is the target. Seen items are left out of the
 * candidates as in {@link TwoStage} (the items of that history, when {@code excludeSeen}).
 *
 * <ul>
 *   <li><b>valid / test</b>: the validation / test target of every user with held-out targets, with all of its
 *       candidates (a target the retriever missed leaves a group of negatives only), as the pipeline sees them.
 *       The retriever never trained on these targets.</li>
 *   <li><b>train</b>: up to {@code trainTargets} training targets per user, the most recent ones before the last
 *       {@code skipRecent} training targets. A retriever trained on a target ranks it better than an unseen one,
 *       so a ranker trained on those lists would learn that the retriever's own order is more reliable than it is
 *       on held-out targets; neural retrievers train on each user's last {@code max_train_per_user} targets
 *       only, and skipping those keeps the ranker's training targets out of the retriever's training targets.
 *       Each group holds the target (label 1, added when the retriever missed it) and {@code negatives}
 *       candidates drawn uniformly without replacement from the rest of the list (seeded per seed, user and
 *       position).</li>
 * </ul>
 *
 * <p>The output holds the source's items, categories, users and sequences unchanged (so item and user ids, and
 * an exported ranker's vocabulary, are the source's) and a manifest recording the candidate settings. Written
 * through {@link StagedDir}: replaced only when complete.
 */
public final class CandidateExport {
  private CandidateExport() {}

  /** Summary file written beside the dataset. */
  public static final String SUMMARY = "candidates.json";

  /**
   * @param candidates retriever list length per target
   * @param trainTargets training targets per user (the most recent ones before the skipped ones)
   * @param skipRecent training targets per user left out at the end of the training positions
   * @param negatives negatives per training target, drawn from its candidate list
   * @param seed sampling seed of the training negatives
   * @param excludeSeen whether items of the ranker's history are left out of the candidates
   */
  public record Settings(int candidates, int trainTargets, int skipRecent, int negatives, long seed, boolean excludeSeen) {
    public Settings {
      check("candidates", candidates, 1);
      check("train targets", trainTargets, 0);
      check("skip recent", skipRecent, 0);
      check("negatives", negatives, 1);
      if (negatives >= candidates) {
        throw new IllegalArgumentException("negatives = " + negatives + " with candidates = " + candidates
            + "; expected fewer negatives than candidates");
      }
    }

    private static void check(String name, int v, int min) {
      if (v < min) throw new IllegalArgumentException(name + " = " + v + "; expected an integer >= " + min);
    }
  }

  /**
   * Per split: targets (groups), samples, and the share of targets found among the candidates (the
   * retriever's HR@candidates on those targets, after seen items are left out).
   */
  public record SplitSummary(long targets, long samples, double targetInCandidates) {}

  /** What {@link #SUMMARY} holds. */
  public record Summary(String run, String model, String dataset, Settings settings, Map<String, SplitSummary> splits) {}

  /** Writes the candidate dataset of the loaded run {@code l} into {@code out}. */
  public static Summary write(RecallRun.Loaded l, Path runDir, Path out, Settings s, Progress progress) {
    PreparedDataset ds = l.dataset();
    Retriever r = l.retriever();
    Map<Split, long[]> counts = new LinkedHashMap<>();   // targets, samples, targets found
    for (Split sp : Split.values()) counts.put(sp, new long[3]);
    try (StagedDir staged = StagedDir.open(out, DatasetLayout.KIND)) {
      Path stage = staged.stage();
      try (PreparedDatasetWriter w = new PreparedDatasetWriter(stage, false)) {
        List<String> users = userRawIds(ds);
        for (int u = 0; u < ds.numUsers(); u++) {
          w.beginUser(users.get(u));
          long start = ds.seqStart(u);
          for (int e = 0; e < ds.seqLength(u); e++) {
            w.addEvent(ds.eventItem(start + e), ds.eventCategory(start + e), ds.eventBehavior(start + e), ds.eventTs(start + e));
          }
          UserSequence seq = l.data().sequence(u);
          int[] offsets = NextItemProtocol.positiveEventOffsets(ds, u);
          int trainEnd = Math.max(1, seq.trainLength() - s.skipRecent());
          for (int p = Math.max(1, trainEnd - s.trainTargets()); p < trainEnd; p++) {
            addGroup(w, ds, r, seq, offsets, p, Split.TRAIN, s, counts.get(Split.TRAIN));
          }
          if (seq.hasHeldOut()) {
            addGroup(w, ds, r, seq, offsets, seq.length() - 2, Split.VALID, s, counts.get(Split.VALID));
            addGroup(w, ds, r, seq, offsets, seq.length() - 1, Split.TEST, s, counts.get(Split.TEST));
          }
          progress.advance(1);
        }
        copyItemTables(ds.dir(), stage);
        Manifest src = ds.manifest();
        Map<String, Object> protocol = new TreeMap<>(src.protocol());
        protocol.put("candidates.run", runDir.toAbsolutePath().normalize().toString());
        protocol.put("candidates.model", l.info().model());
        protocol.put("candidates.source_fingerprint", src.fingerprint());
        protocol.put("candidates.n", s.candidates());
        protocol.put("candidates.train_targets", s.trainTargets());
        protocol.put("candidates.skip_recent", s.skipRecent());
        protocol.put("candidates.negatives", s.negatives());
        protocol.put("candidates.seed", s.seed());
        protocol.put("candidates.exclude_seen", s.excludeSeen());
        protocol.put("candidates.retrieval_config", new TreeMap<>(RecallKeys.toMap(l.config())));
        Map<String, Long> srcCounts = new TreeMap<>(src.counts());
        PreparedDatasetWriter.layoutCountKeys().forEach(srcCounts::remove);
        Map<String, Object> notes = new TreeMap<>(src.notes());
        notes.put("candidates", "samples are the top " + s.candidates() + " candidates of retrieval run " + runDir
            + " per next-item target (r2led retrieve export-candidates)");
        w.finish(src.source(), src.inputs(), protocol, srcCounts, src.behaviors(), notes);
      }
      Map<String, SplitSummary> splits = new LinkedHashMap<>();
      counts.forEach((sp, c) -> splits.put(sp.id(), new SplitSummary(c[0], c[1], c[0] == 0 ? 0 : (double) c[2] / c[0])));
      Summary summary = new Summary(runDir.toAbsolutePath().normalize().toString(), l.info().model(),
          ds.dir().toAbsolutePath().normalize().toString(), s, splits);
      Json.write(stage.resolve(SUMMARY), summary);
      staged.commit();
      return summary;
    }
  }

  private static void addGroup(PreparedDatasetWriter w, PreparedDataset ds, Retriever r, UserSequence seq, int[] offsets,
      int p, Split split, Settings s, long[] count) {
    int target = seq.item(p);
    int eventPos = offsets[p];
    long ts = ds.eventTs(ds.seqStart(seq.user()) + eventPos);
    int[] items = seq.itemsBefore(p, Integer.MAX_VALUE);
    int[] cats = seq.categoriesBefore(p, Integer.MAX_VALUE);
    Hits h;
    if (s.excludeSeen()) {
      BitSet seen = new BitSet(ds.numItems() + 1);
      long start = ds.seqStart(seq.user());
      for (int e = 0; e < eventPos; e++) seen.set(ds.eventItem(start + e));
      h = TwoStage.unseenTop(r, items, cats, seen, s.candidates(), ds.numItems());
    } else {
      h = r.retrieve(items, cats, s.candidates());
    }
    int[] ids = h.ids();
    boolean found = false;
    for (int id : ids) found |= id == target;
    count[0]++;
    if (found) count[2]++;
    if (split != Split.TRAIN) {
      for (int id : ids) w.addSample(split, eventPos, id, ds.itemCategory(id), id == target ? 1 : 0, ts, Float.NaN);
      count[1] += ids.length;
      return;
    }
    int[] others = new int[ids.length];
    int m = 0;
    for (int id : ids) if (id != target) others[m++] = id;
    SplittableRandom rnd = new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L + seq.user() * 1_000_003L + p);
    int k = Math.min(s.negatives(), m);
    for (int j = 0; j < k; j++) {   // partial Fisher-Yates: the first k of a uniform permutation
      int pick = j + rnd.nextInt(m - j);
      int t = others[j];
      others[j] = others[pick];
      others[pick] = t;
    }
    w.addSample(split, eventPos, target, ds.itemCategory(target), 1, ts, Float.NaN);
    for (int j = 0; j < k; j++) w.addSample(split, eventPos, others[j], ds.itemCategory(others[j]), 0, ts, Float.NaN);
    count[1] += 1 + k;
  }

  private static List<String> userRawIds(PreparedDataset ds) {
    Path f = ds.dir().resolve(DatasetLayout.USER_RAW_IDS);
    try {
      List<String> users = Files.readAllLines(f, java.nio.charset.StandardCharsets.UTF_8);
      if (users.size() != ds.numUsers()) {
        throw new IllegalArgumentException(f + " has " + users.size() + " lines; expected " + ds.numUsers() + " (the manifest's users)");
      }
      return users;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }

  /** Copies the source's {@code items/} and {@code categories/} files (ids, categories, text, topics) unchanged. */
  private static void copyItemTables(Path src, Path dst) {
    for (String sub : List.of("items", "categories")) {
      Path from = src.resolve(sub);
      try (Stream<Path> files = Files.list(from)) {
        Files.createDirectories(dst.resolve(sub));
        List<Path> list = new ArrayList<>(files.filter(Files::isRegularFile).toList());
        for (Path f : list) Files.copy(f, dst.resolve(sub).resolve(f.getFileName().toString()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot copy " + from + " into " + dst, e);
      }
    }
  }
}
