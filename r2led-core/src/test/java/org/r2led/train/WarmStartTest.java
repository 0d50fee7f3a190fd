package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.io.Json;
import org.r2led.model.CtrModel;
import org.r2led.model.History;
import org.r2led.model.ModelRegistry;
import org.r2led.model.SampleSource;
import org.r2led.model.SplitSamples;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.serving.ModelManifest;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.UserHistory;

/**
 * Warm start from a trained DIN onto a dataset whose catalog grew (12 instead of 10 items per
 * sub-topic, so known items also change dense ids): known rows and scores are the init's at step 0,
 * new items get their own rows, the run learns, resumes exactly and exports the new items.
 */
class WarmStartTest {
  private static final int OLD = 10;
  private static final int NEW = 12;
  private static final List<String> SETTINGS = List.of("embedding_dim=8", "short_seq_len=12", "batch_size=128", "epochs=3",
      "learning_rate=0.01", "embedding_init_std=0.01", "dnn_hidden_units=[16]", "attention_hidden_units=[8]", "checkpoint_steps=4");

  @TempDir static Path tmp;
  static Path initRun;
  static Path initModel;
  static Path data2;

  @BeforeAll
  static void trainInit() {
    Path data1 = tmp.resolve("data1");
    TinyTask.writeCatalog(data1, 300, 60, 7, OLD);
    initRun = tmp.resolve("runs/init");
    Trainer.train(new TrainRequest(data1, null, "din", null, SETTINGS, initRun, false, null, false));
    initModel = tmp.resolve("init-model");
    ModelExporter.export(initRun, initModel);
    data2 = tmp.resolve("data2");
    TinyTask.writeCatalog(data2, 300, 60, 8, NEW);
  }

  /** Dense id in the old catalog of dense item {@code i} of the grown one; 0 when the item is new. */
  private static int oldId(int i) {
    int k = (i - 1) % NEW;
    if (k >= OLD) return 0;
    int t = (i - 1) / (TinyTask.SUBS * NEW);
    int s = ((i - 1) / NEW) % TinyTask.SUBS;
    return t * TinyTask.SUBS * OLD + s * OLD + k + 1;
  }

  private static TrainRequest warmRequest(Path run, List<String> more) {
    List<String> set = new ArrayList<>(List.of("learning_rate=0.005"));
    set.addAll(more);
    return new TrainRequest(data2, null, null, null, set, run, false, null, false).withInitFrom(initModel);
  }

  @Test
  void atStepZeroKnownItemsScoreAsTheInitAndNewItemsHaveOwnRows() {
    PreparedDataset ds2 = PreparedDataset.open(data2);
    WarmStart warm = WarmStart.open(initModel, ModelRegistry.builtIn());
    TrainKeys.Resolved resolved = warm.resolve(warmRequest(tmp.resolve("unused"), List.of()));
    CtrModel model = resolved.create(ds2, null);
    WarmStart.Summary s = warm.apply(model, ds2, null);
    assertEquals(TinyTask.TOPICS * TinyTask.SUBS * OLD, s.knownItems());
    assertEquals(TinyTask.TOPICS * TinyTask.SUBS * (NEW - OLD), s.newItems());
    CtrModel init = RunInputs.open(initRun).loadBest();

    // (a) the same raw events scored by both models (new items left out of histories): identical probabilities
    SampleSplit test = ds2.split(Split.TEST);
    int[] known = java.util.stream.IntStream.range(0, test.size()).filter(j -> oldId(test.item(j)) > 0).toArray();
    assertTrue(known.length > 100, "known targets " + known.length);
    SplitSamples samples = new SplitSamples(test, known, 0, known.length);
    float[] warmP = model.probabilities(model.prepare(new KnownOnly(samples, false)));
    float[] initP = init.probabilities(init.prepare(new KnownOnly(samples, true)));
    assertArrayEquals(initP, warmP, 1e-6f);

    // (b) known rows are the init's; new rows are those the model initialises (seeded), distinct per item
    Param warmItems = model.params().get(WarmStart.ITEM_TABLE);
    Param initItems = init.params().get(WarmStart.ITEM_TABLE);
    Param freshItems = resolved.create(ds2, null).params().get(WarmStart.ITEM_TABLE);
    int d = warmItems.cols();
    for (int i = 1; i < warmItems.rows(); i++) {
      float[] row = Arrays.copyOfRange(warmItems.values(), i * d, (i + 1) * d);
      int o = oldId(i);
      float[] want = o > 0 ? Arrays.copyOfRange(initItems.values(), o * d, (o + 1) * d)
          : Arrays.copyOfRange(freshItems.values(), i * d, (i + 1) * d);
      assertArrayEquals(want, row, "item " + i);
    }
    assertNotEquals(Arrays.toString(Arrays.copyOfRange(warmItems.values(), 11 * d, 12 * d)),
        Arrays.toString(Arrays.copyOfRange(warmItems.values(), 12 * d, 13 * d)));
  }

  @Test
  void warmStartedRunLearnsResumesExactlyAndExportsTheNewItems() {
    Path full = tmp.resolve("runs/warm-full");
    RunResult a = Trainer.train(warmRequest(full, List.of()));
    assertTrue(a.valid().auc() > 0.6, "valid AUC " + a.valid().auc());   // (c) above chance (the oracle is near 0.89)
    Map<?, ?> init = (Map<?, ?>) Json.read(full.resolve(RunFiles.RUN), Map.class).get("init");
    assertEquals(ModelManifest.read(initModel).modelId(), init.get("model_id"));

    // (d) paused mid-epoch and resumed: the same parameters and metrics as the uninterrupted run
    Path parts = tmp.resolve("runs/warm-parts");
    RunResult p = Trainer.train(warmRequest(parts, List.of("max_steps=6")));
    assertEquals(6, p.steps());
    RunResult b = Trainer.train(new TrainRequest(data2, null, null, null, List.of("max_steps=0"), parts, true, null, false));
    assertEquals(a.steps(), b.steps());
    ParamStore pa = lastParams(full);
    ParamStore pb = lastParams(parts);
    for (Param x : pa.all()) assertArrayEquals(x.values(), pb.get(x.name()).values(), 1e-6f, x.name());
    assertEquals(a.test().auc(), b.test().auc(), 1e-9);
    assertEquals(init, Json.read(parts.resolve(RunFiles.RUN), Map.class).get("init"));

    // the export scores a new item with its own row, not as out-of-vocabulary
    Path exported = tmp.resolve("warm-model");
    ModelManifest m = ModelExporter.export(full, exported);
    assertEquals(init, m.provenance().get("init"));
    ScoringModel sm = ScoringModel.load(exported);
    String newItem = TinyTask.catalogId(11, NEW);
    assertTrue(sm.vocabulary().item(newItem) > 0, newItem);
    UserHistory h = UserHistory.of(List.of(TinyTask.catalogId(1, NEW), TinyTask.catalogId(2, NEW)), new long[] {100, 200});
    float[] scores = sm.score(h, List.of(newItem, TinyTask.catalogId(12, NEW), "never-seen"));
    assertNotEquals(scores[0], scores[2]);
    assertNotEquals(scores[1], scores[2]);
  }

  @Test
  void aChangedModelKeyIsRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.train(warmRequest(tmp.resolve("runs/refused"), List.of("embedding_dim=16"))));
    assertTrue(e.getMessage().contains("embedding_dim is 8 there, the request gives 16"), e.getMessage());
    IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
        () -> Trainer.train(new TrainRequest(data2, null, null, null, List.of(), tmp.resolve("runs/refused"), true, null, false)
            .withInitFrom(initModel)));
    assertTrue(r.getMessage().contains("drop --init-from"), r.getMessage());
  }

  private static ParamStore lastParams(Path run) {
    ParamStore s = TrainKeys.resolve(org.r2led.config.Config.builder().file(run.resolve(RunFiles.CONFIG)))
        .create(PreparedDataset.open(data2), null).params();
    Checkpoint.read(RunFiles.last(run), s, null);
    return s;
  }

  /**
   * The samples with every history event of a new item left out; ids as in the grown catalog, or
   * mapped to the old catalog's dense ids ({@code toOld}).
   */
  private static final class KnownOnly implements SampleSource {
    private final SampleSource src;
    private final boolean toOld;
    private final History all = new History();

    KnownOnly(SampleSource src, boolean toOld) {
      this.src = src;
      this.toOld = toOld;
    }

    private int id(int item) { return toOld ? oldId(item) : item; }

    @Override public int size() { return src.size(); }
    @Override public int sampleId(int j) { return src.sampleId(j); }
    @Override public int user(int j) { return src.user(j); }
    @Override public float label(int j) { return src.label(j); }
    @Override public int item(int j) { return id(src.item(j)); }
    @Override public int category(int j) { return src.category(j); }
    @Override public long ts(int j) { return src.ts(j); }

    @Override
    public void history(int j, int window, History into) {
      src.history(j, Integer.MAX_VALUE, all);
      int n = 0;
      for (int k = 0; k < all.length(); k++) if (oldId(all.items()[k]) > 0) n++;
      int keep = Math.min(n, window);
      into.resize(keep);
      int o = 0;
      for (int k = 0, seen = 0; k < all.length(); k++) {
        if (oldId(all.items()[k]) == 0 || seen++ < n - keep) continue;
        into.items()[o] = id(all.items()[k]);
        into.categories()[o] = all.categories()[k];
        into.behaviors()[o] = all.behaviors()[k];
        into.timestamps()[o] = all.timestamps()[k];
        o++;
      }
    }
  }
}
