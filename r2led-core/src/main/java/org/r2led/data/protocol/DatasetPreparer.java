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
    PrepareSetup setup = PrepareSetup.of(req);
    ProtocolParams params = setup.params();
    List<Manifest.InputFile> inputs = setup.inputs();
    String key = setup.cacheKey();
    try (StagedDir out = StagedDir.open(req.out(), DatasetLayout.KIND)) {
      PrepareResult cached = reuse(out, req, key, log, t0);
      if (cached != null) return cached;
      if (log != null) log.printf(Locale.ROOT, "preparing %s (%s protocol) from %s%n", format, params.protocol(), req.input());
      BadRows bad = SourceInputs.badRows(req, params);
      SourceData d = SourceInputs.read(req, params, bad, log);
      if (d.events().size() == 0) throw noEvents(req, bad);
      Path dir = out.stage();
      Manifest m = build(req, dir, d, params, inputs, key, bad, log);
      DatasetStats.compute(PreparedDataset.open(dir)).write(dir);
      out.commit();
      double sec = seconds(t0);
      logPrepared(log, req, m, sec, bad);
      return new PrepareResult(req.out(), m, false, sec, bad.count(), bad.examples());
    }
  }

  /**
   * The existing dataset in {@code out} when it has the cache key {@code key} and {@code req} does not
   * force a rebuild ("up to date"), else null after creating the staging directory (which refuses,
   * before anything is read, an output holding files r2led did not write).
   */
  public static PrepareResult reuse(StagedDir out, PrepareRequest req, String key, PrintStream log, long t0Nanos) {
    Manifest existing = out.hasOutput() ? existingManifest(out.target()) : null;
    if (req.force() || existing == null || !key.equals(existing.notes().get("cache_key"))) {
      out.stage();
      return null;
    }
    if (log != null) log.println("up to date: " + req.out() + " (same inputs and parameters; cache key " + key.substring(0, 12) + ")");
    Object skipped = existing.counts().get("bad_rows_skipped");
    return new PrepareResult(req.out(), existing, true, seconds(t0Nanos), skipped == null ? 0 : ((Number) skipped).longValue(), List.of());
  }

  /** The error for an input without valid event rows. */
  public static IllegalArgumentException noEvents(PrepareRequest req, BadRows bad) {
    return new IllegalArgumentException("no events to prepare: " + req.input() + " has no valid event rows"
        + (bad.count() > 0 ? " (" + bad.count() + " bad rows skipped, e.g. " + bad.examples().get(0) + ")" : ""));
  }

  /** The summary lines of a finished preparation. */
  public static void logPrepared(PrintStream log, PrepareRequest req, Manifest m, double sec, BadRows bad) {
    if (log == null) return;
    log.printf(Locale.ROOT, "prepared %s: %,d users, %,d items, %,d events; samples train/valid/test %,d/%,d/%,d in %.2f s%n",
        req.out(), m.count("users"), m.count("items"), m.count("events"), m.count("samples_train"),
        m.count("samples_valid"), m.count("samples_test"), sec);
    if (bad.count() > 0) {
      log.printf(Locale.ROOT, "skipped %,d bad rows; first examples:%n", bad.count());
      for (String s : bad.examples()) log.println("  " + s);
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

    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int e = 0; e < se.size(); e++) {
      min = Math.min(min, se.ts[e]);
      max = Math.max(max, se.ts[e]);
    }
    ProtocolSpec spec = ProtocolSpec.resolve(params, d.labels(), d.behaviors(), min, max);
    long[] weights = new long[table.size() + 1];
    for (int e = 0; e < se.size(); e++) weights[se.item[e]]++;
    SampleProtocol protocol = spec.create(weights, table.primary);

    List<String> userNames = d.users().inDenseOrder(userDense, 0);
    long usersWithoutSamples = 0;
    boolean[] itemSeen = new boolean[table.size() + 1];
    Manifest m;
    try (PreparedDatasetWriter w = new PreparedDatasetWriter(dir, false)) {
      for (int u = 0; u < users; u++) {
        if (ShardWriter.writeUser(se, u, userNames.get(u), protocol, w, itemSeen) == 0) usersWithoutSamples++;
      }
      table.writeTo(w);
      long withEvents = 0;
      for (boolean b : itemSeen) if (b) withEvents++;
      ManifestParts.Tally tally = new ManifestParts.Tally(withEvents, se.duplicates, usersWithoutSamples);
      m = w.finish(d.source(), inputs, spec.params().toMap(), ManifestParts.counts(d, table, tally, bad, protocol),
          d.behaviors(), ManifestParts.notes(key, d, table, tally, drop, bad, protocol));
    }
    if (log != null) log.printf(Locale.ROOT, "  wrote %s in %.2f s%n", req.out(), seconds(t));
    return m;
  }

  /** The cache key of a preparation: inputs' sha256, parameters, policy, versions. */
  public static String cacheKey(SourceFormat format, List<Manifest.InputFile> inputs, ProtocolParams params, boolean skipBadRows) {
    Map<String, Object> k = new TreeMap<>();
    k.put("preparer_version", PREPARER_VERSION);
    k.put("schema_version", DatasetLayout.SCHEMA_VERSION);
    k.put("source", format.id());
    k.put("inputs", inputs.stream().map(Manifest.InputFile::sha256).toList());
    k.put("params", params.toMap());
    k.put("skip_bad_rows", skipBadRows);
    return Hashing.sha256(Json.toString(k));
  }

  /** The manifest of an existing dataset in {@code out}, or null when there is none or it is unreadable. */
  public static Manifest existingManifest(Path out) {
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
