package org.r2led.spark.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.r2led.data.Manifest;
import org.r2led.io.Columns;

/** Compares two prepared datasets field by field; a difference names the file, the index and both values. */
final class LayoutComparison {
  private LayoutComparison() {}

  static void assertSameLayout(Path expected, Path actual) throws IOException {
    assertSameLayout(expected, actual, true);
  }

  /**
   * Like {@link #assertSameLayout(Path, Path)}; with {@code sameInputs} false the two were prepared
   * from different files holding the same events (CSV and Parquet), so the manifests' input files,
   * cache key, bad-row examples (they name the files), the file names under {@code timestamp_units}
   * and the manifest fingerprint quoted in other files are not compared.
   */
  static void assertSameLayout(Path expected, Path actual, boolean sameInputs) throws IOException {
    List<String> a = files(expected);
    assertEquals(a, files(actual), "the same files");
    for (String f : a) {
      Path x = expected.resolve(f);
      Path y = actual.resolve(f);
      boolean fingerprinted = false;
      if (f.equals("manifest.json")) {
        Manifest mx = sameInputs ? Manifest.read(expected) : withoutInputs(Manifest.read(expected));
        Manifest my = sameInputs ? Manifest.read(actual) : withoutInputs(Manifest.read(actual));
        assertEquals(mx.counts(), my.counts(), "manifest counts");
        assertEquals(mx.protocol(), my.protocol(), "manifest protocol");
        assertEquals(mx.notes(), my.notes(), "manifest notes");
        assertEquals(mx, my, "manifest");
      } else if (f.endsWith(".i32")) {
        compare(f, Columns.readInts(x), Columns.readInts(y));
      } else if (f.endsWith(".i64")) {
        compare(f, Columns.readLongs(x), Columns.readLongs(y));
      } else if (f.endsWith(".i8")) {
        compare(f, Columns.readBytes(x), Columns.readBytes(y));
      } else if (f.endsWith(".txt") || f.endsWith(".md") || f.endsWith(".json")) {
        List<String> lx = Files.readAllLines(x);
        List<String> ly = Files.readAllLines(y);
        for (int i = 0; i < Math.min(lx.size(), ly.size()); i++) {
          if (!sameInputs && lx.get(i).contains("fingerprint") && ly.get(i).contains("fingerprint")) {
            fingerprinted = true; // the manifest's fingerprint covers the input files
            continue;
          }
          if (!lx.get(i).equals(ly.get(i))) fail(f + " line " + (i + 1) + ": expected '" + lx.get(i) + "' but was '" + ly.get(i) + "'");
        }
        assertEquals(lx.size(), ly.size(), f + " lines");
      }
      if (!f.equals("manifest.json") && !fingerprinted) assertEquals(Files.mismatch(x, y), -1L, f + " bytes");
    }
  }

  private static Manifest withoutInputs(Manifest m) {
    java.util.Map<String, Object> notes = new java.util.TreeMap<>(m.notes());
    notes.remove("cache_key");
    notes.remove("bad_row_examples");
    for (String k : List.copyOf(notes.keySet())) {
      if (k.endsWith("timestamp_units") && notes.get(k) instanceof java.util.Map<?, ?> u) notes.put(k, List.copyOf(u.values()));
    }
    return new Manifest(m.schemaVersion(), m.source(), List.of(), m.protocol(), m.counts(), m.behaviors(), notes);
  }

  private static void compare(String f, Object x, Object y) {
    int n = java.lang.reflect.Array.getLength(x);
    int m = java.lang.reflect.Array.getLength(y);
    for (int i = 0; i < Math.min(n, m); i++) {
      Object a = java.lang.reflect.Array.get(x, i);
      Object b = java.lang.reflect.Array.get(y, i);
      if (!a.equals(b)) fail(f + "[" + i + "]: expected " + a + " but was " + b);
    }
    assertEquals(n, m, f + " length");
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
          .filter(p -> !p.equals(org.r2led.io.StagedDir.MARKER)).sorted().toList();
    }
  }
}
