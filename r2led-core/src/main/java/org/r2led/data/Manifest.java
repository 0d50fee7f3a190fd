package org.r2led.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.r2led.io.Hashing;
import org.r2led.io.Json;

/**
 * The JSON manifest of a prepared dataset ({@code manifest.json}).
 *
 * <p>It holds no wall-clock timestamps, so that the same inputs produce a byte-identical manifest.
 * {@link #fingerprint()} identifies the dataset's content; artifacts derived from it (SID tables,
 * runs) record it and refuse to load against another dataset.
 *
 * @param schemaVersion layout version ({@link DatasetLayout#SCHEMA_VERSION})
 * @param source reader that produced the data: {@code movielens}, {@code taobao}, {@code csv}, {@code synthetic}
 * @param inputs source files with byte sizes and sha256 (empty for synthetic data)
 * @param protocol protocol parameters in effect (labels, splits, negatives, seeds, ...)
 * @param counts users, items, categories, events, samples per split, positives per split, ...
 * @param behaviors behavior-type vocabulary: entry {@code k-1} is the name of code {@code k} (0 = padding)
 * @param notes free-form facts worth recording (e.g. how duplicates or bad rows were handled)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    int schemaVersion,
    String source,
    List<InputFile> inputs,
    Map<String, Object> protocol,
    Map<String, Long> counts,
    List<String> behaviors,
    Map<String, Object> notes) {

  /** One source file: path as given, size in bytes, sha256 hex. */
  public record InputFile(String path, long bytes, String sha256) {
    public static InputFile of(Path file) {
      try {
        return new InputFile(file.toString(), java.nio.file.Files.size(file), Hashing.sha256(file));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot stat " + file, e);
      }
    }
  }

  public Manifest {
    inputs = List.copyOf(inputs);
    protocol = java.util.Collections.unmodifiableMap(new TreeMap<>(protocol));
    counts = java.util.Collections.unmodifiableMap(new TreeMap<>(counts));
    behaviors = List.copyOf(behaviors);
    notes = notes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(notes));
  }

  /** A count by key, failing with the key name when absent. */
  public long count(String key) {
    Long v = counts.get(key);
    if (v == null) throw new IllegalStateException("manifest has no count '" + key + "'; has " + counts.keySet());
    return v;
  }

  /** sha256 of the manifest's canonical JSON: identifies the dataset content. */
  public String fingerprint() {
    return Hashing.sha256(Json.toString(this));
  }

  public static Manifest read(Path datasetDir) {
    return Json.read(datasetDir.resolve(DatasetLayout.MANIFEST), Manifest.class);
  }

  public void write(Path datasetDir) {
    Json.write(datasetDir.resolve(DatasetLayout.MANIFEST), this);
  }
}
