package org.r2led.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.data.synth.SynthConfig;
import org.r2led.data.synth.SyntheticGenerator;
import org.r2led.serving.DatasetHistories;
import org.r2led.serving.ModelManifest;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.UserHistory;
import org.r2led.train.Evaluator;
import org.r2led.train.ModelExporter;
import org.r2led.train.RunResult;
import org.r2led.train.TrainRequest;
import org.r2led.train.Trainer;

/**
 * The path of a service that embeds the library, with r2led-core alone on the classpath: generate a
 * small synthetic dataset, train a tiny DIN for one epoch, export it, load the export with
 * {@link ScoringModel} and score users' histories given as raw ids. The exported model must score
 * every test sample exactly as {@code evaluate} does with the in-memory model of the run.
 */
class EmbeddedScoringTest {
  @TempDir Path tmp;

  @Test
  void anExportedModelLoadsAndScoresAsEvaluateDoes() {
    Path data = tmp.resolve("data");
    SyntheticGenerator.generate(SynthConfig.quickstart().with(Map.of("users", "120", "items", "200", "max_len", "200",
        "seed", "11")), data, null);
    Path run = tmp.resolve("run");
    RunResult result = Trainer.train(new TrainRequest(data, null, "din", null, List.of("epochs=1", "batch_size=128",
        "embedding_dim=8", "attention_hidden_units=[8]", "dnn_hidden_units=[16]", "seed=3"), run, false, null, false));
    assertTrue(result.test().auc() > 0.4, "a trained model: " + result.test());
    float[] evaluated = Evaluator.predictions(run, Split.TEST);   // the in-memory model of the run's best checkpoint

    Path modelDir = tmp.resolve("model");
    ModelManifest exported = ModelExporter.export(run, modelDir);
    ScoringModel model = ScoringModel.load(modelDir);
    assertEquals(exported.modelId(), model.modelId());
    assertEquals("din", model.manifest().model());

    PreparedDataset ds = PreparedDataset.open(data);
    SampleSplit test = ds.split(Split.TEST);
    DatasetHistories histories = new DatasetHistories(ds);
    assertEquals(test.size(), evaluated.length);
    for (int i = 0; i < test.size(); i++) {
      float[] p = model.score(histories.sample(test, i, List.of("an-item-the-model-never-saw")));
      assertEquals(2, p.length);
      for (float x : p) assertTrue(Float.isFinite(x) && x > 0 && x < 1, "sample " + i + ": probability " + x);
      assertEquals(evaluated[i], p[0], 1e-6, "test sample " + i + ": exported model vs evaluate");
    }

    // a user's whole stored history, raw ids, scored against a few catalog items and an unknown one
    UserHistory history = histories.history(0, 25);
    List<String> candidates = List.of(ds.itemRawIds().get(1), ds.itemRawIds().get(2), "new-item");
    float[] p = model.score(history, candidates);
    assertEquals(3, p.length);
    for (float x : p) assertTrue(Float.isFinite(x) && x > 0 && x < 1, "probability " + x);
    assertFalse(p[0] == p[1] && p[1] == p[2], "candidates are told apart");
  }
}
