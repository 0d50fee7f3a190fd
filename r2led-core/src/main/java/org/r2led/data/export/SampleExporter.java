package org.r2led.data.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.io.AtomicFiles;
import org.r2led.io.InPlaceDir;
import org.r2led.io.Progress;
import org.r2led.io.StagedDir;

/**
 * Writes the exact samples of one split of a prepared dataset as plain UTF-8 TSV, so that any other
 * toolkit can train on identical data ({@code r2led export-samples}).
 *
 * <p>Files, each with one header line, tab-separated, ids being the dataset's dense ints (users from
 * 0, items and categories from 1):
 * <ul>
 *   <li>{@code samples-<split>.tsv}: {@code user label item category hist_items hist_categories ts
 *       hist_behaviors hist_ts}, one row per sample in stored order. {@code ts} is the target's
 *       timestamp (Unix seconds). The four {@code hist_*} columns hold the sample's full history (its
 *       user's events before the target) oldest → newest, space-separated, all of the same length,
 *       empty for no history: item, category, behavior code (1-based index into the manifest's
 *       {@code behaviors}) and timestamp (Unix seconds) of each event.
 *   <li>{@code items.tsv}: {@code item category sid} for items 1..numItems; {@code category} is the
 *       primary category; {@code sid} is all SID levels (semantic levels then the disambiguation
 *       code) joined by {@code -}, empty when no SID table ({@link ItemCodes}) is given.
 * </ul>
 * Rows are streamed (memory independent of the split size); each file is written to a temp file and
 * renamed, so a present file is complete.
 */
public final class SampleExporter {
  private SampleExporter() {}

  /** What was written. */
  public record Result(Split split, Path samplesFile, Path itemsFile, long samples, long historyEvents,
      int items, boolean withSids) {}

  /** Name of the samples file of a split. */
  public static String samplesFileName(Split split) {
    return "samples-" + split.id() + ".tsv";
  }

  public static final String ITEMS_FILE = "items.tsv";
  public static final String SAMPLES_HEADER = "user\tlabel\titem\tcategory\thist_items\thist_categories\tts\thist_behaviors\thist_ts";
  public static final String ITEMS_HEADER = "item\tcategory\tsid";

  /** Opens the dataset in {@code dataDir} and exports {@code split} with {@code sidsOrNull} into {@code outDir}. */
  public static Result export(Path dataDir, ItemCodes sidsOrNull, Split split, Path outDir, boolean progress) {
    return export(PreparedDataset.open(dataDir), sidsOrNull, split, outDir, progress);
  }

  /**
   * Exports {@code split} of {@code ds} into {@code outDir}.
   *
   * @param sidsOrNull SIDs (a SID table) aligned with the dataset's items (their fingerprint is checked), or null
   * @param progress whether to show a progress bar (rate, ETA) on stderr
   */
  public static Result export(PreparedDataset ds, ItemCodes sidsOrNull, Split split, Path outDir, boolean progress) {
    if (sidsOrNull != null) {
      String fp = ds.manifest().fingerprint();
      if (!fp.equals(sidsOrNull.datasetFingerprint())) {
        throw new IllegalArgumentException("SID table was built for dataset fingerprint "
            + sidsOrNull.datasetFingerprint() + " but " + ds.dir() + " has fingerprint " + fp);
      }
      if (sidsOrNull.numItems() != ds.numItems()) {
        throw new IllegalArgumentException("SID table has " + sidsOrNull.numItems() + " items; dataset has " + ds.numItems());
      }
    }
    // Splits accumulate in one directory (one file each, written atomically), so it is locked, checked
    // and marked rather than staged: only its own files are (re)written, anything else there is left alone.
    try (InPlaceDir out = InPlaceDir.open(outDir, KIND, SampleExporter::isOwnName, List.of(ITEMS_FILE, samplesFileName(split)))) {
      out.mark();
      return exportLocked(ds, sidsOrNull, split, out, progress);
    }
  }

  /** Whether {@code name} is one of the files an export writes. */
  private static boolean isOwnName(String name) {
    if (name.equals(ITEMS_FILE)) return true;
    for (Split sp : Split.values()) if (name.equals(samplesFileName(sp))) return true;
    return false;
  }

  /**
   * Export directories, written in place and marked; one exported before the marker (legacy) holds
   * {@link #ITEMS_FILE} and at least one {@code samples-SPLIT.tsv}, nothing else but dot files.
   */
  static final StagedDir.Kind KIND = new StagedDir.Kind("samples", dir -> {
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
      return names.contains(ITEMS_FILE) && names.stream().anyMatch(n -> !n.equals(ITEMS_FILE))
          && names.stream().allMatch(SampleExporter::isOwnName);
    } catch (IOException e) {
      return false;
    }
  });

  private static Result exportLocked(PreparedDataset ds, ItemCodes sidsOrNull, Split split, InPlaceDir out, boolean progress) {
    Path itemsFile = out.claim(ITEMS_FILE);
    Path samplesFile = out.claim(samplesFileName(split));
    writeItems(ds, sidsOrNull, itemsFile);
    long[] historyEvents = new long[1];
    SampleSplit s = ds.split(split);
    try {
      AtomicFiles.write(samplesFile, os -> {
        AsciiWriter w = new AsciiWriter(os);
        w.text(SAMPLES_HEADER).ch('\n');
        try (Progress bar = Progress.builder("export " + split.id()).total(s.size()).unit("samples").enabled(progress)
            .build()) {
          historyEvents[0] = writeSamples(ds, s, w, bar);
        }
        w.flush();
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + samplesFile + ": " + e.getMessage(), e);
    }
    return new Result(split, samplesFile, itemsFile, s.size(), historyEvents[0], ds.numItems(), sidsOrNull != null);
  }

  private static long writeSamples(PreparedDataset ds, SampleSplit s, AsciiWriter w, Progress bar)
      throws IOException {
    int[] items = new int[16];
    int[] cats = new int[16];
    int[] behaviors = new int[16];
    long[] ts = new long[16];
    long events = 0;
    int n = s.size();
    for (int i = 0; i < n; i++) {
      int pos = s.pos(i);
      if (items.length < pos) {
        items = new int[Math.max(pos, items.length * 2)];
        cats = new int[items.length];
        behaviors = new int[items.length];
        ts = new long[items.length];
      }
      long start = s.historyStart(i);
      ds.copyItems(start, pos, items, 0);
      ds.copyCategories(start, pos, cats, 0);
      ds.copyTimestamps(start, pos, ts, 0);
      for (int k = 0; k < pos; k++) behaviors[k] = ds.eventBehavior(start + k);
      w.writeInt(s.user(i)).ch('\t').writeInt(s.label(i)).ch('\t').writeInt(s.item(i)).ch('\t')
          .writeInt(s.category(i)).ch('\t').ints(items, pos).ch('\t').ints(cats, pos).ch('\t')
          .writeLong(s.ts(i)).ch('\t').ints(behaviors, pos).ch('\t').longs(ts, pos).ch('\n');
      events += pos;
      if ((i & 1023) == 1023) bar.update(i + 1L);
    }
    bar.update(n);
    return events;
  }

  private static void writeItems(PreparedDataset ds, ItemCodes sids, Path file) {
    try {
      AtomicFiles.write(file, os -> {
        AsciiWriter w = new AsciiWriter(os);
        w.text(ITEMS_HEADER).ch('\n');
        int levels = sids == null ? 0 : sids.levels();
        for (int item = 1; item <= ds.numItems(); item++) {
          w.writeInt(item).ch('\t').writeInt(ds.itemCategory(item)).ch('\t');
          for (int l = 0; l < levels; l++) {
            if (l > 0) w.ch('-');
            w.writeInt(sids.code(item, l));
          }
          w.ch('\n');
        }
        w.flush();
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
