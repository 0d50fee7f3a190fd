package org.r2led.bench.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.r2led.data.DatasetLayout;
import org.r2led.data.Manifest;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.io.Columns;

/**
 * Writes a prepared dataset for one replay step: the source's users, items, categories and event
 * sequences (linked, not copied: the same vocabularies and histories) with new samples — train = the
 * samples of windows [{@code trainFrom}, {@code trainTo}) except their most recent {@code validShare}
 * (by time), valid = those, test = the samples of window {@code testWindow}. Samples of every source
 * split are pooled; their histories are the source's (they end before each sample's time).
 */
public final class WindowDataset {
  /**
   * Protocol key of a window dataset's manifest naming the fingerprint of the dataset it was cut from
   * (whose users, items and events it links): artifacts bound to the source, such as its SID table,
   * apply to it ({@link WindowSids}).
   */
  public static final String SOURCE_FINGERPRINT = "replay_source_fingerprint";

  private WindowDataset() {}

  /** The fingerprint of the dataset {@code ds} was cut from, or null when it is not a window dataset. */
  public static String sourceFingerprint(PreparedDataset ds) {
    Object fp = ds.manifest().protocol().get(SOURCE_FINGERPRINT);
    return fp == null ? null : fp.toString();
  }

  /** Writes the step's dataset into the new directory {@code dir} and opens it. */
  public static PreparedDataset write(PreparedDataset src, ReplayWindows windows, int trainFrom, int trainTo, int testWindow,
      double validShare, Path dir) {
    if (trainFrom < 0 || trainTo <= trainFrom || testWindow < trainTo || testWindow >= windows.count()) {
      throw new IllegalArgumentException("replay step: train windows [" + trainFrom + ", " + trainTo + ") and test window "
          + testWindow + "; expected 0 <= from < to <= test < " + windows.count());
    }
    List<long[]> train = new ArrayList<>(); // {split ordinal, index, ts}
    List<long[]> test = new ArrayList<>();
    for (Split s : Split.values()) {
      SampleSplit sp = src.split(s);
      for (int i = 0; i < sp.size(); i++) {
        int w = windows.windowOf(sp.ts(i));
        if (w >= trainFrom && w < trainTo) train.add(new long[] {s.ordinal(), i, sp.ts(i)});
        else if (w == testWindow) test.add(new long[] {s.ordinal(), i, sp.ts(i)});
      }
    }
    List<long[]> byTime = new ArrayList<>(train);
    byTime.sort(Comparator.<long[]>comparingLong(r -> r[2]).thenComparingLong(r -> r[0]).thenComparingLong(r -> r[1]));
    int nValid = (int) Math.round(validShare * byTime.size());
    List<long[]> valid = new ArrayList<>(byTime.subList(byTime.size() - nValid, byTime.size()));
    List<long[]> fit = new ArrayList<>(byTime.subList(0, byTime.size() - nValid));
    try {
      Files.createDirectories(dir);
      try (Stream<Path> entries = Files.list(src.dir())) {
        for (Path p : (Iterable<Path>) entries::iterator) {
          String name = p.getFileName().toString();
          if (name.equals("samples") || name.equals(DatasetLayout.MANIFEST)) continue;
          Files.createSymbolicLink(dir.resolve(name), p.toAbsolutePath());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot link the dataset " + src.dir() + " into " + dir, e);
    }
    Map<String, Long> counts = new TreeMap<>(src.manifest().counts());
    counts.putAll(writeSplit(src, Split.TRAIN, fit, dir));
    counts.putAll(writeSplit(src, Split.VALID, valid, dir));
    counts.putAll(writeSplit(src, Split.TEST, test, dir));
    Manifest m = src.manifest();
    Map<String, Object> protocol = new LinkedHashMap<>(m.protocol());
    protocol.put("replay", "train = samples of windows [" + trainFrom + ", " + trainTo + ") of " + windows.count()
        + " (the latest " + validShare + " of them by time -> valid), test = window " + testWindow + "; windows = "
        + windows.describe() + "; source " + m.fingerprint());
    protocol.put(SOURCE_FINGERPRINT, m.fingerprint());
    new Manifest(m.schemaVersion(), m.source(), m.inputs(), protocol, counts, m.behaviors(), m.notes()).write(dir);
    return PreparedDataset.open(dir);
  }

  private static Map<String, Long> writeSplit(PreparedDataset src, Split target, List<long[]> rows, Path dir) {
    int n = rows.size();
    int[] user = new int[n];
    int[] pos = new int[n];
    int[] item = new int[n];
    int[] category = new int[n];
    byte[] label = new byte[n];
    long[] ts = new long[n];
    boolean withProb = src.split(Split.TRAIN).hasTrueProbabilities();
    float[] prob = withProb ? new float[n] : null;
    long positives = 0;
    for (int k = 0; k < n; k++) {
      SampleSplit sp = src.split(Split.values()[(int) rows.get(k)[0]]);
      int i = (int) rows.get(k)[1];
      user[k] = sp.user(i);
      pos[k] = sp.pos(i);
      item[k] = sp.item(i);
      category[k] = sp.category(i);
      label[k] = (byte) sp.label(i);
      ts[k] = sp.ts(i);
      if (withProb) prob[k] = sp.trueProbability(i);
      positives += sp.label(i);
    }
    Path d = DatasetLayout.samplesDir(dir, target);
    try {
      Files.createDirectories(d);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + d, e);
    }
    Columns.writeInts(d.resolve(DatasetLayout.SAMPLE_USER), user);
    Columns.writeInts(d.resolve(DatasetLayout.SAMPLE_POS), pos);
    Columns.writeInts(d.resolve(DatasetLayout.SAMPLE_ITEM), item);
    Columns.writeInts(d.resolve(DatasetLayout.SAMPLE_CATEGORY), category);
    Columns.writeBytes(d.resolve(DatasetLayout.SAMPLE_LABEL), label);
    Columns.writeLongs(d.resolve(DatasetLayout.SAMPLE_TS), ts);
    if (withProb) Columns.writeFloats(d.resolve(DatasetLayout.SAMPLE_PROB), prob);
    return Map.of("samples_" + target.id(), (long) n, "positives_" + target.id(), positives);
  }
}
