package org.r2led.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.config.ConfigKey;
import org.r2led.model.History;
import org.r2led.model.ModelContext;
import org.r2led.model.ModelKeys;
import org.r2led.model.ModelRegistry;
import org.r2led.model.ModelSpec;
import org.r2led.model.TokenBatch;
import org.r2led.model.TokenEncoder;
import org.r2led.model.TokenGroups;
import org.r2led.model.TokenModel;
import org.r2led.model.TokenSelector;
import org.r2led.nn.Linear;
import org.r2led.nn.Step;
import org.r2led.data.Split;
import org.r2led.train.Evaluator;
import org.r2led.train.RunResult;
import org.r2led.train.TinyTask;
import org.r2led.train.TrainRequest;
import org.r2led.train.Trainer;

/**
 * A model written outside the library, as a contributor would: its own key, its own retrieval rule
 * (behaviors in the target's category), the shared token-model base ({@link TokenModel}: encoder,
 * parameters, batches), registered at run time and trained through the public API.
 */
class CustomModelTest {
  @TempDir Path tmp;

  static final ConfigKey<Integer> WINDOW = ConfigKey.integer("same_category_window", 12, 1, 1000, "behaviors kept");

  /** Mean of the same-category behaviors' tokens, scored against the target by a linear layer: a selector plus a forward. */
  static final class SameCategoryMean extends TokenModel {
    private final Linear out;

    SameCategoryMean(ModelContext ctx) {
      super(ctx);
      out = new Linear(params(), "out", 2 * dim(), 1, true);
      int k = ctx.config().get(WINDOW);
      TokenSelector.Layout layout = new TokenSelector.Layout(1, k, 1000, 0);
      select(new TokenSelector() {
        @Override
        public Layout layout() { return layout; }

        @Override
        public void select(History h, int targetItem, int targetCategory, long targetTs, TokenGroups g) {
          for (int p = h.length() - 1; p >= 0 && g.count(0) < k; p--) if (h.categories()[p] == targetCategory) g.add(0, p);
        }
      });
    }

    @Override
    public NDArray forward(Step s, TokenBatch b) {
      TokenEncoder.Encoded x = encoder().encode(s, b);
      NDArray m = x.mask(0).expandDims(-1);
      NDArray mean = x.tokens(0).mul(m).sum(new int[] {1});        // sum; the count is what matters here
      NDArray in = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(x.target(), mean.mul(x.target())), -1);
      return out.forward(s, in).reshape(b.size());
    }
  }

  @Test
  void aModelDefinedOutsideTheRegistryTrainsThroughThePublicApi() {
    // registered in this test's own registry: the built-in one (and every other caller) never sees it
    ModelRegistry models = ModelRegistry.builtIn().toBuilder()
        .add(new ModelSpec("same_category_mean", "test model", ModelKeys.TOKENS.plus(WINDOW), SameCategoryMean::new)).build();
    Path data = tmp.resolve("data");
    TinyTask.write(data, 80, 80, 11);
    RunResult r = Trainer.train(new TrainRequest(data, null, "same_category_mean", null,
        List.of("epochs=6", "learning_rate=0.02", "embedding_init_std=0.05", "batch_size=64", "patience=6"),
        tmp.resolve("run"), false, null, false).withModels(models));
    assertEquals("same_category_mean", r.model());
    // liked topics dominate the history: the same-category signal alone separates clicks well
    assertTrue(r.valid().auc() > 0.75, "valid " + r.valid());
    assertTrue(r.test().auc() > 0.75, "test " + r.test());
    assertEquals(r.test().auc(), Evaluator.evaluate(tmp.resolve("run"), Split.TEST, false, models).metrics().auc(), 1e-9);
    assertFalse(ModelRegistry.builtIn().contains("same_category_mean"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Evaluator.evaluate(tmp.resolve("run"), Split.TEST, false));
    assertTrue(e.getMessage().contains("unknown model 'same_category_mean'"), e.getMessage());
  }
}
