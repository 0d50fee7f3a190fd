package org.r2led.serving;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.train.Evaluator;
import org.r2led.train.ModelExporter;
import org.r2led.train.TrainRequest;
import org.r2led.train.Trainer;

/**
 * A trained, exported model and what {@code evaluate} said about the test split: the scoring
 * requests for the test samples (the sample's history as raw ids and names, its target first among
 * the candidates, at the sample's time) and the evaluator's probability of each target.
 */
record ScoringFixture(Path modelDir, List<ScoringModel.Request> requests, float[] expected) {
  /** Extra candidates after each target, scored in the same pass (they must not change the target's score). */
  static final List<String> EXTRA = List.of("i3", "i77", "no-such-item", "i150");

  /** Trains {@code model} briefly on {@code data}, records the evaluator's test predictions and exports it. */
  static ScoringFixture train(Path root, Path data, Path sidsOrNull, String model, List<String> settings) {
    Path run = root.resolve("runs").resolve(model);
    Trainer.train(new TrainRequest(data, sidsOrNull, model, null, settings, run, false, null, false));
    float[] expected = Evaluator.predictions(run, Split.TEST);
    Path out = root.resolve("models").resolve(model);
    ModelExporter.export(run, out);
    return new ScoringFixture(out, requests(PreparedDataset.open(data)), expected);
  }

  /** One request per test sample. */
  static List<ScoringModel.Request> requests(PreparedDataset ds) {
    SampleSplit test = ds.split(Split.TEST);
    DatasetHistories histories = new DatasetHistories(ds);
    List<ScoringModel.Request> out = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) out.add(histories.sample(test, i, EXTRA));
    return out;
  }
}
