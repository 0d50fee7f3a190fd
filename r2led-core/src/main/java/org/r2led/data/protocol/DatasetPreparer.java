package org.r2led.data.protocol;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;
import org.r2led.data.DatasetLayout;
import org.r2led.data.Manifest;
import org.r2led.data.PreparedDataset;
import org.r2led.data.PreparedDatasetWriter;
import org.r2led.data.source.BadRows;
import org.r2led.data.source.EventBuffer;
import org.r2led.data.source.SourceData;
import org.r2led.data.source.SourceFormat;
import org.r2led.data.stats.DatasetStats;
import org.r2led.io.Hashing;
import org.r2led.io.Json;
import org.r2led.io.StagedDir;

/**
 * Entry point of {@code data prepare}: reads a source, applies its protocol and writes the prepared
 * layout through {@link PreparedDatasetWriter}, plus {@code stats.json}/{@code stats.md}.
 *
 * <p>Determinism: users, items and categories get dense ids in the order of their source ids
 * (numeric when all ids are integers, else lexicographic; users from 0, items and categories from
 * 1), each user's events are ordered by (timestamp, item, behavior, rating, label, category), and
 * negatives are seeded per user, so the output (and the manifest fingerprint) depends only on the
 * input contents and the parameters, not on row order or file location.
 *
 * <p>Cache: the manifest's {@code notes.cache_key} is a sha256 of the preparer version, schema
 * version, source format, input checksums, parameters and the bad-row policy; when the output
 * directory already holds a dataset with the same key it is reused ("up to date").
 */
public final class DatasetPreparer {
  private DatasetPreparer() {}

  /** Bump when the output of the same inputs and parameters changes. */
  public static final int PREPARER_VERSION = 1;

  /** Prepares (or reuses) the dataset; progress goes to {@code log} (may be null). */
  public static PrepareResult prepare(PrepareRequest req, PrintStream log) {
    long t0 = System.nanoTime();
    SourceFormat format = req.format();
    SourceInputs.Plan plan = SourceInputs.plan(req);
    List<Path> files = plan.files();
    SourceData.Labels labels = plan.labels();
    ProtocolParams params = ProtocolParams.defaults(format, ProtocolParams.protocolFor(labels), labels)
        .with(req.overrides());
    List<Manifest.InputFile> inputs = new ArrayList<>();
    for (Path f : files) {
      Manifest.InputFile full = Manifest.InputFile.of(f);
      inputs.add(new Manifest.InputFile(f.getFileName().toString(), full.bytes(), full.sha256()));
    }
    String key = cacheKey(format, inputs, params, req.skipBadRows());
    try (StagedDir out = StagedDir.open(req.out(), DatasetLayout.KIND)) {
      Manifest existing = out.hasOutput() ? existingManifest(req.out()) : null;
      if (!req.force() && existing != null && key.equals(existing.notes().get("cache_key"))) {
        if (log != null) log.println("up to date: " + req.out() + " (same inputs and parameters; cache key " + key.substring(0, 12) + ")");
        Object skipped = existing.counts().get("bad_rows_skipped");
        return new PrepareResult(req.out(), existing, true, seconds(t0), skipped == null ? 0 : ((Number) skipped).longValue(), List.of());
      }
      if (log != null) log.printf(Locale.ROOT, "preparing %s (%s protocol) from %s%n", format, params.protocol(), req.input());
      BadRows bad = SourceInputs.badRows(req, params);
      SourceData d = SourceInputs.read(req, params, bad, log);
      if (d.events().size() == 0) {
        throw new IllegalArgumentException("no events to prepare: " + req.input() + " has no valid event rows"
            + (bad.count() > 0 ? " (" + bad.count() + " bad rows skipped, e.g. " + bad.examples().get(0) + ")" : ""));
      }
      Path dir = out.stage();
      Manifest m = build(req, dir, d, params, inputs, key, bad, log);
      DatasetStats.compute(PreparedDataset.open(dir)).write(dir);
      out.commit();
      double sec = seconds(t0);
      if (log != null) {
        log.printf(Locale.ROOT, "prepared %s: %,d users, %,d items, %,d events; samples train/valid/test %,d/%,d/%,d in %.2f s%n",
            req.out(), m.count("users"), m.count("items"), m.count("events"), m.count("samples_train"),
            m.count("samples_valid"), m.count("samples_test"), sec);
        if (bad.count() > 0) {
          log.printf(Locale.ROOT, "skipped %,d bad rows; first examples:%n", bad.count());
          for (String s : bad.examples()) log.println("  " + s);
        }
      }
      return new PrepareResult(req.out(), m, false, sec, bad.count(), bad.examples());
    }
  }

  private static Manifest build(PrepareRequest req, Path dir, SourceData d, ProtocolParams params, List<Manifest.InputFile> inputs,
      String key, BadRows bad, PrintStream log) {
    long t = System.nanoTime();
    EventBuffer ev = d.events();
    int users = d.users().size();
    int[] userDense = d.users().denseIds(0);
    int[] itemDense = d.items().denseIds(1);
    ItemTable table = ItemTable.build(d, itemDense);
    IntUnaryOperator eventCategory = e -> {
      int c = ev.category(e);
      return c >= 0 ? table.categoryDense[c] : table.primary[itemDense[ev.item(e)]];
    };
    boolean drop = params.string("duplicates").equals("drop");
    SortedEvents se = SortedEvents.build(ev, users, userDense, itemDense, d.behaviorCode(), eventCategory, drop);
    if (log != null) log.printf(Locale.ROOT, "  ordered %,d events of %,d users in %.2f s%n", se.size(), users, seconds(t));

    SampleProtocol protocol;
    if (params.protocol().equals("rating")) {
      protocol = new RatingProtocol(params, d.labels());
    } else {
      String target = targetBehavior(params, d.behaviors());
      params = params.resolve("click.target_behavior", target);
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int e = 0; e < se.size(); e++) {
        min = Math.min(min, se.ts[e]);
        max = Math.max(max, se.ts[e]);
      }
      params = ClickProtocol.resolveWindow(params, min, max);
      long[] weights = new long[table.size() + 1];
      for (int e = 0; e < se.size(); e++) weights[se.item[e]]++;
      protocol = new ClickProtocol(params, d.behaviors().indexOf(target) + 1, target, weights, table.primary);
    }

    List<String> userNames = d.users().inDenseOrder(userDense, 0);
    long usersWithoutSamples = 0;
    boolean[] itemSeen = new boolean[table.size() + 1];
    Manifest m;
    try (PreparedDatasetWriter w = new PreparedDatasetWriter(dir, false)) {
      for (int u = 0; u < users; u++) {
        w.beginUser(userNames.get(u));
        for (int e = se.start[u]; e < se.start[u + 1]; e++) {
          w.addEvent(se.item[e], se.category[e], se.behavior[e], se.ts[e]);
          itemSeen[se.item[e]] = true;
        }
        if (protocol.emit(se, u, w) == 0) usersWithoutSamples++;
      }
      w.writeItems(table.rawIds, table.categories, table.texts);
      w.writeCategories(table.categoryNames);

      Map<String, Long> counts = new TreeMap<>(d.counts());
      counts.put("items", (long) table.size());
      counts.put("categories", (long) table.categoryNames.size() - 1);
      long withEvents = 0;
      for (boolean b : itemSeen) if (b) withEvents++;
      counts.put("items_with_events", withEvents);
      counts.put("duplicate_events", se.duplicates);
      counts.put("bad_rows_skipped", bad.count());
      counts.put("users_without_samples", usersWithoutSamples);
      counts.put("items_with_several_categories", table.itemsWithSeveralCategories);
      counts.putAll(protocol.counts());

      Map<String, Object> notes = new TreeMap<>();
      notes.put("cache_key", key);
      notes.put("preparer_version", PREPARER_VERSION);
      notes.put("ids", "users sorted by source id (numerically when all ids are integers) -> dense 0..U-1; items and"
          + " categories likewise -> dense 1..N (0 = padding)");
      notes.put("event_order", "per user by (timestamp, item, behavior, rating, label, category)");
      notes.put("duplicates", se.duplicates + " exact duplicate events (same user, item, timestamp, behavior, rating/label,"
          + " category) " + (drop ? "dropped" : "kept"));
      notes.put("users_without_samples", usersWithoutSamples + " users have no samples (too short for the protocol);"
          + " their sequences are kept");
      if (bad.count() > 0) {
        notes.put("bad_rows", bad.count() + " malformed rows skipped (--skip-bad-rows)");
        notes.put("bad_row_examples", bad.examples());
      }
      if (d.itemCategories() == null || table.itemsWithSeveralCategories > 0) {
        notes.put("item_categories", "items without declared categories take their events' categories, most frequent"
            + " first (ties: smaller dense id); each event keeps its own category; "
            + table.itemsWithSeveralCategories + " items have several");
        if (!table.severalCategoryExamples.isEmpty()) notes.put("item_category_examples", table.severalCategoryExamples);
      }
      d.notes().forEach((k, v) -> notes.put("source_" + k, v));
      protocol.notes().forEach((k, v) -> notes.put("protocol_" + k, v));
      m = w.finish(d.source(), inputs, params.toMap(), counts, d.behaviors(), notes);
    }
    if (log != null) log.printf(Locale.ROOT, "  wrote %s in %.2f s%n", req.out(), seconds(t));
    return m;
  }

  private static String targetBehavior(ProtocolParams params, List<String> behaviors) {
    String target = params.string("click.target_behavior");
    if (target.equals(ProtocolParams.AUTO)) {
      if (behaviors.contains("pv")) return "pv";
      if (behaviors.size() == 1) return behaviors.get(0);
      throw new IllegalArgumentException("cannot choose the target behavior among " + behaviors
          + ": set it with --set click.target_behavior=NAME");
    }
    if (!behaviors.contains(target)) {
      throw new IllegalArgumentException("click.target_behavior '" + target + "' is not a behavior of this data; behaviors: " + behaviors);
    }
    return target;
  }

  /** The cache key of a preparation: inputs' sha256, parameters, policy, versions. */
  static String cacheKey(SourceFormat format, List<Manifest.InputFile> inputs, ProtocolParams params, boolean skipBadRows) {
    Map<String, Object> k = new TreeMap<>();
    k.put("preparer_version", PREPARER_VERSION);
    k.put("schema_version", DatasetLayout.SCHEMA_VERSION);
    k.put("source", format.id());
    k.put("inputs", inputs.stream().map(Manifest.InputFile::sha256).toList());
    k.put("params", params.toMap());
    k.put("skip_bad_rows", skipBadRows);
    return Hashing.sha256(Json.toString(k));
  }

  private static Manifest existingManifest(Path out) {
    if (!Files.isRegularFile(out.resolve(DatasetLayout.MANIFEST))) return null;
    try {
      return Manifest.read(out);
    } catch (RuntimeException e) {
      return null; // unreadable or older schema: rebuilt
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
