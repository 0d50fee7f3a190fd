package org.r2led.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.r2led.data.DatasetLayout;
import org.r2led.io.Hashing;
import org.r2led.io.Json;
import org.r2led.io.StagedDir;
import org.r2led.sid.SidTable;

/**
 * {@code model.json} of an exported model directory, and the directory's file names.
 *
 * <pre>
 * model.json              this manifest (format version, vocabulary sizes, config, provenance, sha256 per file)
 * config.yaml             the run's resolved configuration (loadable with --config)
 * params.ckpt             the best checkpoint (checkpoint format 2: CRC32C; parameters and buffers such as
 *                         SimHash signatures or live item vectors; no optimizer state)
 * items/raw_id.txt        line k (1-based) = raw id of dense item k
 * items/category.i32      primary category per dense item, length items+1 (index 0 = padding)
 * items/train_count.i32   TRAIN-split target count per dense item, length items+1
 * categories/raw_id.txt   line c (1-based) = raw name of dense category c
 * sids/sid.json, sids/codes.i32   the SID table (only when the model was trained with SIDs)
 * </pre>
 *
 * @param formatVersion {@link #FORMAT_VERSION}
 * @param model registry name of the model
 * @param modelId short hash of every file's sha256: identifies this model's content
 * @param items number of items (dense ids 1..items; 0 = unknown/padding)
 * @param categories number of categories (dense ids 1..categories; 0 = unknown)
 * @param behaviors behavior names: entry {@code k-1} is code {@code k} (0 = unknown)
 * @param config the resolved configuration (as config.yaml)
 * @param provenance run directory and status, dataset fingerprint and source, SID table hash, code versions
 * @param files sha256 of every file above except model.json, by relative path
 */
public record ModelManifest(int formatVersion, String model, String modelId, int items, int categories, List<String> behaviors,
    Map<String, Object> config, Map<String, Object> provenance, Map<String, String> files) {
  public static final int FORMAT_VERSION = 1;
  public static final String FILE = "model.json";
  public static final String CONFIG = "config.yaml";
  public static final String PARAMS = "params.ckpt";
  public static final String ITEM_RAW_IDS = DatasetLayout.ITEM_RAW_IDS;
  public static final String ITEM_CATEGORY = DatasetLayout.ITEM_CATEGORY;
  public static final String ITEM_TRAIN_COUNT = "items/train_count.i32";
  public static final String CATEGORY_RAW_IDS = DatasetLayout.CATEGORY_RAW_IDS;
  public static final String SIDS = "sids";

  /** The output kind of {@code r2led export}. */
  public static final StagedDir.Kind KIND = StagedDir.Kind.of("model");

  /** Holds immutable copies: nested maps and lists of {@code config} and {@code provenance} included. */
  public ModelManifest {
    behaviors = List.copyOf(behaviors);
    config = frozenMap(config);
    provenance = frozenMap(provenance);
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }

  /**
   * Seals a model directory whose files are written: records every file's sha256 and the model id,
   * writes {@code dir/model.json} and returns it.
   */
  public static ModelManifest seal(Path dir, String model, int items, int categories, List<String> behaviors,
      Map<String, Object> config, Map<String, Object> provenance) {
    Map<String, String> files = hashFiles(dir);
    ModelManifest m = new ModelManifest(FORMAT_VERSION, model, idOf(files), items, categories, behaviors, config, provenance, files);
    Json.write(dir.resolve(FILE), m);
    return m;
  }

  /** An unmodifiable deep copy of a JSON-like map (insertion order and null values kept; null stays null). */
  private static Map<String, Object> frozenMap(Map<String, ?> m) {
    if (m == null) return null;
    Map<String, Object> c = new LinkedHashMap<>();
    m.forEach((k, v) -> c.put(k, frozen(v)));
    return Collections.unmodifiableMap(c);
  }

  private static Object frozen(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> c = new LinkedHashMap<>();
      m.forEach((k, x) -> c.put(String.valueOf(k), frozen(x)));
      return Collections.unmodifiableMap(c);
    }
    if (v instanceof List<?> l) {
      List<Object> c = new ArrayList<>(l.size());
      for (Object x : l) c.add(frozen(x));
      return Collections.unmodifiableList(c);
    }
    return v;
  }

  /** Whether the model directory holds a SID table. */
  public boolean hasSids() { return files.keySet().stream().anyMatch(f -> f.startsWith(SIDS + "/")); }

  /** sha256 of every regular file under {@code dir} except model.json and the output marker, by relative path. */
  private static Map<String, String> hashFiles(Path dir) {
    Map<String, String> out = new TreeMap<>();
    try (var s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (!rel.equals(FILE) && !rel.equals(StagedDir.MARKER)) out.put(rel, Hashing.sha256(p));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + dir, e);
    }
    return out;
  }

  /** The model id of a file-hash map: the first 16 hex digits of the sha256 of its {@code path=sha256} lines. */
  private static String idOf(Map<String, String> files) {
    StringBuilder b = new StringBuilder();
    files.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    return Hashing.sha256(b.toString()).substring(0, 16);
  }

  /**
   * Reads {@code dir/model.json}: fails with a clear message when it is missing, unreadable, or of
   * another format version. A swap that a killed {@code export} left between its two renames is
   * completed or undone first ({@link StagedDir#settle}).
   */
  public static ModelManifest read(Path dir) {
    StagedDir.settle(dir);    // a swap a killed export left half done is completed or undone first
    Path f = dir.resolve(FILE);
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("not a model directory: " + f + (Files.isSymbolicLink(f)
          ? " is a symbolic link; a model directory holds regular files only" : " does not exist (create one with `r2led export`)"));
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(f.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("model file " + f + " is damaged: not valid JSON (" + e.getMessage() + ")", e);
    }
    int v = node.path("formatVersion").asInt(-1);
    if (v != FORMAT_VERSION) {
      throw new IllegalArgumentException("model " + dir + " has format version " + (v < 0 ? "(none)" : v) + " in " + f
          + "; this build reads version " + FORMAT_VERSION + " (re-export the run with this build's `r2led export`)");
    }
    try {
      return Json.MAPPER.treeToValue(node, ModelManifest.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("model file " + f + " is damaged: " + e.getMessage(), e);
    }
  }

  /**
   * Checks that {@code files} lists every file the loader reads, that each listed name is a regular
   * file inside {@code dir} (a relative path without {@code ..}, reached through no symbolic link),
   * and each file's sha256; fails naming the first offending entry. A name that points outside the
   * directory is refused before anything is read, so the message says nothing about what is there.
   */
  public void verifyFiles(Path dir) {
    List<String> required = new java.util.ArrayList<>(List.of(CONFIG, PARAMS, ITEM_RAW_IDS, ITEM_CATEGORY, ITEM_TRAIN_COUNT,
        CATEGORY_RAW_IDS));
    if (hasSids()) required.addAll(List.of(SIDS + "/" + SidTable.META_FILE, SIDS + "/" + SidTable.CODES_FILE));
    for (String r : required) {
      if (!files.containsKey(r)) {
        throw new IllegalArgumentException(FILE + " in " + dir + " does not list " + r + ", which the model is loaded from; re-export the model");
      }
    }
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path p = inside(dir, e.getKey());
      String got = Hashing.sha256(p);
      if (!got.equals(e.getValue())) {
        throw new IllegalArgumentException("model file " + p + " is damaged: sha256 " + got + ", " + FILE + " records "
            + e.getValue() + "; re-export the model");
      }
    }
  }

  /**
   * {@code dir/name} when {@code name} is a relative path of plain segments naming a regular file that
   * is reached from {@code dir} through no symbolic link; otherwise an IllegalArgumentException that
   * quotes the entry and says nothing about what the name would reach.
   */
  static Path inside(Path dir, String name) {
    String refused = FILE + " in " + dir + " lists " + org.r2led.data.Ids.quoted(name);
    if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.indexOf(':') >= 0) {
      throw new IllegalArgumentException(refused + ": not a relative path inside the model directory; re-export the model");
    }
    Path p = dir;
    String[] parts = name.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException(refused + ": not a relative path inside the model directory; re-export the model");
      }
      p = p.resolve(part);
      java.nio.file.attribute.BasicFileAttributes a;
      try {
        a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException ex) {
        throw new IllegalArgumentException("model file " + p + " is missing (listed in " + FILE + ")");
      }
      if (a.isSymbolicLink()) {
        throw new IllegalArgumentException(refused + ": " + p + " is a symbolic link; a model directory holds regular files only"
            + " (copy the model instead of linking its files)");
      }
      boolean last = i == parts.length - 1;
      if (last ? !a.isRegularFile() : !a.isDirectory()) {
        throw new IllegalArgumentException(refused + ": " + p + " is not a " + (last ? "regular file" : "directory"));
      }
    }
    return p;
  }
}
