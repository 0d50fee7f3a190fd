package org.r2led.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.io.Hashing;
import org.r2led.model.CheckpointFile;
import org.r2led.model.CtrModel;
import org.r2led.model.ModelRegistry;
import org.r2led.nn.Init;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.serving.ModelManifest;
import org.r2led.sid.SidTable;

/**
 * The starting point of a warm-started run ({@code train --init-from}): an exported model directory
 * (its {@code params.ckpt}) or a run directory (its best checkpoint). The new run keeps the init's
 * model and model keys (training-loop keys may change) and is built on the new dataset's vocabulary;
 * the init's parameters are copied in with the vocabulary tables re-indexed by raw id: a known item,
 * category or behavior gets its init row in the new dataset's dense order, an id new in the dataset
 * keeps the row the model initialised for it (seeded). Per-item buffers (SimHash signatures, live
 * item vectors) are re-indexed the same way. Init ids absent from the new dataset are not carried.
 */
public final class WarmStart {
  /** Parameters whose rows are indexed by dense item, category and behavior ids. */
  static final String ITEM_TABLE = "emb.item";
  static final String CATEGORY_TABLE = "emb.category";
  static final String BEHAVIOR_TABLE = "emb.behavior";

  private final Path dir;
  private final String kind;
  private final Path configFile;
  private final Path params;
  private final Path vocabDir;
  private final List<String> behaviors;
  private final SidTable sids;
  private final String modelId;

  private WarmStart(Path dir, String kind, Path configFile, Path params, Path vocabDir, List<String> behaviors, SidTable sids,
      String modelId) {
    this.dir = dir;
    this.kind = kind;
    this.configFile = configFile;
    this.params = params;
    this.vocabDir = vocabDir;
    this.behaviors = List.copyOf(behaviors);
    this.sids = sids;
    this.modelId = modelId;
  }

  /**
   * Opens {@code dir}: an exported model (its files verified by sha256) or a run with a best checkpoint
   * (its inputs checked as {@code evaluate} does); fails naming {@code dir} otherwise.
   */
  public static WarmStart open(Path dir, ModelRegistry models) {
    if (Files.isRegularFile(dir.resolve(ModelManifest.FILE))) {
      ModelManifest m = ModelManifest.read(dir);
      m.verifyFiles(dir);
      SidTable sids = m.hasSids() ? SidTable.load(dir.resolve(ModelManifest.SIDS)) : null;
      return new WarmStart(dir, "model", dir.resolve(ModelManifest.CONFIG), dir.resolve(ModelManifest.PARAMS), dir, m.behaviors(),
          sids, m.modelId());
    }
    if (Files.isRegularFile(dir.resolve(RunFiles.RUN))) {
      RunInputs run = RunInputs.open(dir, models);
      if (!Files.isRegularFile(run.bestCheckpoint())) {
        throw new IllegalArgumentException("--init-from " + dir + ": the run has no best checkpoint (" + RunFiles.BEST
            + "); it never reached its first validation");
      }
      return new WarmStart(dir, "run", dir.resolve(RunFiles.CONFIG), run.bestCheckpoint(), run.dataset().dir(),
          run.dataset().manifest().behaviors(), run.sids(), null);
    }
    throw new IllegalArgumentException("--init-from " + dir + ": neither an exported model (no " + ModelManifest.FILE
        + ") nor a run directory (no " + RunFiles.RUN + ")");
  }

  /**
   * The new run's configuration: the init's {@code config.yaml}, then the request's config file,
   * model and overrides. Fails naming every model key (or the model) the request changes.
   */
  public TrainKeys.Resolved resolve(TrainRequest req) {
    Config init = TrainKeys.resolve(Config.builder().file(configFile), req.models()).config();
    Config.Builder cb = req.settingsOver(configFile);
    String initModel = init.get(TrainKeys.MODEL);
    String model = String.valueOf(cb.raw(TrainKeys.MODEL.name()));
    if (!model.equals(initModel)) {
      throw new IllegalArgumentException("cannot warm-start from " + dir + ": model is " + initModel + " there, the request gives "
          + model + "; a warm start keeps the init's model");
    }
    TrainKeys.Resolved r = TrainKeys.resolve(cb, req.models());
    List<ConfigDifference> diffs = ConfigDifference.between(init.asMap(), r.config(), configFile.toString(), r.spec().keys()::contains);
    if (!diffs.isEmpty()) {
      throw new IllegalArgumentException("cannot warm-start from " + dir + ": "
          + diffs.stream().map(d -> d.key() + " is " + d.recorded() + " there, the request gives " + d.current())
              .collect(Collectors.joining("; "))
          + ". The model keys define the parameters' shapes and meaning; only training-loop keys may change");
    }
    return r;
  }

  /**
   * Copies the init's parameters and buffers into {@code model} (built for {@code ds}), re-indexed by
   * raw id, then calls {@link CtrModel#afterLoad}. With SIDs, every item known to both must keep its
   * codes in {@code dsSids}; fails naming the first items that do not.
   */
  public Summary apply(CtrModel model, PreparedDataset ds, SidTable dsSids) {
    List<String> initItems = lines(vocabDir.resolve(ModelManifest.ITEM_RAW_IDS));
    List<String> dsItems = lines(ds.dir().resolve(ModelManifest.ITEM_RAW_IDS));
    int[] items = map(initItems, dsItems);
    int[] cats = map(lines(vocabDir.resolve(ModelManifest.CATEGORY_RAW_IDS)),
        lines(ds.dir().resolve(ModelManifest.CATEGORY_RAW_IDS)));
    int[] behs = map(behaviors, ds.manifest().behaviors());
    if (sids != null) checkSids(items, dsItems, dsSids);
    ParamStore init = shapedAs(params);
    CheckpointFile.readParams(params, init);
    for (Param p : model.params().all()) {
      Param src = init.get(p.name());
      int[] rows = switch (p.name()) {
        case ITEM_TABLE -> items;
        case CATEGORY_TABLE -> cats;
        case BEHAVIOR_TABLE -> behs;
        default -> null;
      };
      if (rows == null) {
        if (src.size() != p.size() || src.rows() != p.rows()) {
          throw new IllegalArgumentException("cannot warm-start from " + params + ": parameter " + p.name() + " is " + src
              + " there, the model has " + p);
        }
        System.arraycopy(src.values(), 0, p.values(), 0, p.size());
      } else {
        copyRows(p.name(), src.values(), p.values(), p.cols(), rows);
      }
    }
    int initRows = initItems.size() + 1;
    for (Map.Entry<String, long[]> b : model.params().buffers().entrySet()) {
      long[] src = init.buffers().get(b.getKey());
      long[] dst = b.getValue();
      int width = src.length / initRows;
      if (src.length % initRows != 0 || dst.length != (long) width * items.length) {
        throw new IllegalArgumentException("cannot warm-start from " + params + ": buffer " + b.getKey() + " has " + src.length
            + " entries for " + initRows + " item rows there and " + dst.length + " for " + items.length
            + " in the model; expected the same number per item");
      }
      for (int i = 1; i < items.length; i++) {
        if (items[i] > 0) System.arraycopy(src, items[i] * width, dst, i * width, width);
      }
    }
    model.afterLoad();
    int known = 0;
    for (int i = 1; i < items.length; i++) if (items[i] > 0) known++;
    return new Summary(known, items.length - 1 - known, count(cats), count(behs));
  }

  /**
   * What run.json and the export's provenance record of the init: its path, kind, the sha256 of its
   * parameter file and (for an exported model) its model id.
   */
  public Map<String, Object> record() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dir", dir.toAbsolutePath().normalize().toString());
    m.put("kind", kind);
    m.put("params_sha256", Hashing.sha256(params));
    if (modelId != null) m.put("model_id", modelId);
    return m;
  }

  /**
   * @param knownItems items of the new dataset that keep their init rows
   * @param newItems items of the new dataset without an init row (initialised as the model initialises rows)
   */
  public record Summary(int knownItems, int newItems, int knownCategories, int knownBehaviors) {}

  /** A store with the parameters and buffers of checkpoint {@code file}, zero-filled, to read it into. */
  private static ParamStore shapedAs(Path file) {
    CheckpointFile.Header<?> h = CheckpointFile.header(file, com.fasterxml.jackson.databind.JsonNode.class);
    ParamStore s = new ParamStore(0);
    for (int i = 0; i < h.params().size(); i++) s.dense(h.params().get(i), Init.ZEROS, h.shapes().get(i));
    for (int i = 0; i < h.buffers().size(); i++) s.buffer(h.buffers().get(i), new long[h.bufferLengths().get(i)]);
    return s;
  }

  /** Per dense id of {@code now} (index 0 and ids 1..n): the init's dense id of the same raw id, 0 when new. */
  private static int[] map(List<String> before, List<String> now) {
    Map<String, Integer> index = new HashMap<>(before.size() * 2);
    for (int k = 0; k < before.size(); k++) index.put(before.get(k), k + 1);
    int[] m = new int[now.size() + 1];
    for (int k = 0; k < now.size(); k++) m[k + 1] = index.getOrDefault(now.get(k), 0);
    return m;
  }

  private static int count(int[] mapping) {
    int n = 0;
    for (int i = 1; i < mapping.length; i++) if (mapping[i] > 0) n++;
    return n;
  }

  /** Copies row {@code rows[i]} of {@code src} to row i of {@code dst} for every mapped id (rows of width {@code cols}). */
  private void copyRows(String name, float[] src, float[] dst, int cols, int[] rows) {
    if (dst.length != (long) rows.length * cols) {
      throw new IllegalArgumentException("cannot warm-start from " + params + ": table " + name + " has " + dst.length / cols
          + " rows in the model, the dataset has " + rows.length + " ids (with padding)");
    }
    for (int i = 1; i < rows.length; i++) {
      if (rows[i] > 0) System.arraycopy(src, rows[i] * cols, dst, i * cols, cols);
    }
  }

  private void checkSids(int[] items, List<String> raw, SidTable dsSids) {
    if (dsSids == null) {
      throw new IllegalArgumentException("cannot warm-start from " + dir + ": the model uses Semantic IDs; pass --sids for the new dataset");
    }
    List<String> changed = new ArrayList<>();
    for (int i = 1; i < items.length && changed.size() < 5; i++) {
      if (items[i] > 0 && !java.util.Arrays.equals(sids.codes(items[i]), dsSids.codes(i))) changed.add(org.r2led.data.Ids.quoted(raw.get(i - 1)));
    }
    if (!changed.isEmpty()) {
      throw new IllegalArgumentException("cannot warm-start from " + dir + ": the SIDs given with --sids change the codes of items the"
          + " init knows (" + String.join(", ", changed) + "); build the new SIDs with the init's codebooks so known items keep theirs (r2led sid extend)");
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
