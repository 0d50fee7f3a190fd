package org.r2led.data.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.DatasetLayout;
import org.r2led.data.Fixtures;
import org.r2led.data.PreparedDataset;
import org.r2led.data.Split;
import org.r2led.data.source.SourceFormat;

class CacheAndDeterminismTest {
  @TempDir Path tmp;

  /** A small Taobao-format log: 6 users x 30 behaviors over the official window. */
  static List<String> rows() {
    List<String> rows = new ArrayList<>();
    long ws = 1511539200L;
    for (int u = 1; u <= 6; u++) {
      for (int k = 0; k < 30; k++) {
        int item = (u * 7 + k * k) % 23 + 1;
        String beh = k % 9 == 8 ? "cart" : "pv";
        rows.add(u + "," + item + "," + (item % 4 + 100) + "," + beh + "," + (ws + k * 30_000L + u));
      }
    }
    return rows;
  }

  private PrepareResult prepare(Path in, Path out, Map<String, String> set, boolean force) {
    return DatasetPreparer.prepare(new PrepareRequest(SourceFormat.TAOBAO, in, null, out, false, set, force), null);
  }

  @Test
  void unchangedInputsAndParametersReuseTheOutput() throws IOException {
    Path in = Fixtures.write(tmp, "ub.csv", rows());
    Path out = tmp.resolve("out");
    PrepareResult first = prepare(in, out, Map.of(), false);
    assertFalse(first.upToDate());
    long mtime = Files.getLastModifiedTime(out.resolve(DatasetLayout.MANIFEST)).toMillis();
    PrepareResult again = prepare(in, out, Map.of(), false);
    assertTrue(again.upToDate());
    assertEquals(first.manifest().fingerprint(), again.manifest().fingerprint());
    assertEquals(mtime, Files.getLastModifiedTime(out.resolve(DatasetLayout.MANIFEST)).toMillis());

    PrepareResult otherSeed = prepare(in, out, Map.of("seed", "7"), false);
    assertFalse(otherSeed.upToDate(), "a parameter change invalidates the cache");
    assertNotEquals(first.manifest().fingerprint(), otherSeed.manifest().fingerprint());
    assertFalse(prepare(in, out, Map.of("seed", "7"), true).upToDate(), "--force rebuilds");

    List<String> more = new ArrayList<>(rows());
    more.add("9,1,100,pv,1511600000");
    Fixtures.write(tmp, "ub.csv", more);
    PrepareResult changed = prepare(in, out, Map.of("seed", "7"), false);
    assertFalse(changed.upToDate(), "an input change invalidates the cache");
    assertEquals(7, changed.manifest().count("users"));
  }

  @Test
  void sameContentGivesTheSameBytesRegardlessOfRowOrderAndLocation() throws IOException {
    Path a = Fixtures.write(tmp.resolve("a"), "ub.csv", rows());
    List<String> shuffled = new ArrayList<>(rows());
    Collections.shuffle(shuffled, new java.util.Random(3));
    Path b = Fixtures.write(tmp.resolve("b"), "ub.csv", shuffled);
    PrepareResult ra = prepare(a, tmp.resolve("outA"), Map.of(), false);
    PrepareResult rb = prepare(b, tmp.resolve("outB"), Map.of(), false);
    // different input bytes -> different checksums in the manifest; the prepared columns are identical
    for (String rel : List.of(DatasetLayout.SEQ_ITEM, DatasetLayout.SEQ_TS, DatasetLayout.SEQ_BEHAVIOR,
        DatasetLayout.SEQ_OFFSETS, DatasetLayout.ITEM_CATEGORY, DatasetLayout.USER_RAW_IDS, DatasetLayout.ITEM_RAW_IDS)) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("outA").resolve(rel)), Files.readAllBytes(tmp.resolve("outB").resolve(rel)), rel);
    }
    for (Split s : Split.values()) {
      for (String col : List.of(DatasetLayout.SAMPLE_ITEM, DatasetLayout.SAMPLE_POS, DatasetLayout.SAMPLE_LABEL, DatasetLayout.SAMPLE_USER)) {
        Path pa = DatasetLayout.samplesDir(tmp.resolve("outA"), s).resolve(col);
        Path pb = DatasetLayout.samplesDir(tmp.resolve("outB"), s).resolve(col);
        assertArrayEquals(Files.readAllBytes(pa), Files.readAllBytes(pb), s + "/" + col);
      }
    }
    assertEquals(ra.manifest().counts(), rb.manifest().counts());
    // identical input in another directory: identical manifest, hence fingerprint
    Path c = Fixtures.write(tmp.resolve("c"), "ub.csv", rows());
    PrepareResult rc = prepare(c, tmp.resolve("outC"), Map.of(), false);
    assertEquals(ra.manifest().fingerprint(), rc.manifest().fingerprint());
    assertTrue(PreparedDataset.open(tmp.resolve("outA")).split(Split.TRAIN).size() > 0);
  }

  @Test
  void exactDuplicatesAreDroppedOrKeptAndCounted() {
    List<String> rows = new ArrayList<>(rows());
    rows.add(rows.get(40));
    rows.add(rows.get(41).replace(",pv,", ",fav,")); // same user, item, time, other behavior: not a duplicate
    Path in = Fixtures.write(tmp, "ub.csv", rows);
    PrepareResult drop = prepare(in, tmp.resolve("drop"), Map.of(), false);
    assertEquals(1, drop.manifest().count("duplicate_events"));
    assertEquals(181, drop.manifest().count("events"));
    PrepareResult keep = prepare(in, tmp.resolve("keep"), Map.of("duplicates", "keep"), false);
    assertEquals(1, keep.manifest().count("duplicate_events"));
    assertEquals(182, keep.manifest().count("events"));
  }
}
