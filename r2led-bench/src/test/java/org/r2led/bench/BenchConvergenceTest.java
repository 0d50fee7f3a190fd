package org.r2led.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.io.Json;
import org.r2led.train.Convergence;
import org.r2led.train.TinyTask;

/**
 * {@code bench models} under a binding cap: a cell whose one-epoch limit ended it is extended until early
 * stopping ends it; a cell that still ends at the cap ({@code --max-epochs}) is flagged in every table.
 */
class BenchConvergenceTest {
  @TempDir Path tmp;

  /** Tiny DIN; the tiny task has 360 training samples, 6 steps per epoch at batch 64. */
  private static final List<String> SMALL = List.of("embedding_dim=8", "short_seq_len=8", "batch_size=64", "epochs=1",
      "embedding_init_std=0.01", "dnn_hidden_units=[16]", "attention_hidden_units=[8]");

  private Path data() {
    Path data = tmp.resolve("data");
    TinyTask.write(data, 40, 60, 3);
    return data;
  }

  private static BenchRequest request(Path data, Path out, String grid, int maxEpochs, String... more) {
    List<String> settings = new ArrayList<>(SMALL);
    settings.addAll(List.of(more));
    return new BenchRequest(data, null, List.of("din"), 1, out, Grid.parse(grid), settings, maxEpochs, List.of(), 5, 1, 1, false);
  }

  @Test
  void aCellTheCapEndedIsExtendedUntilEarlyStoppingAndReusedAsItIs() throws Exception {
    Path data = data();
    Path out = tmp.resolve("bench");
    BenchResult r = ModelBench.run(request(data, out, "learning_rate=0.01", 32));
    CellResult cell = r.runs().get(0).seeds().get(0);
    Convergence c = cell.run().convergence();
    assertTrue(cell.extensions() >= 1, "the one-epoch cap bound, so the cell was extended: " + c);
    assertEquals(Convergence.EARLY_STOPPING, c.stoppedBy(), c.toString());
    assertTrue(c.bestEpoch() < c.lastEpoch() && !c.bestAtLastEval(), c.toString());
    assertTrue(c.lastEpoch() < 32, c.toString());
    assertEquals(1, r.cells().extended());

    String md = Files.readString(out.resolve(BenchOutputs.MARKDOWN));
    assertTrue(md.contains("| " + Convergence.HEADING + " |") && md.contains(" | " + c.label() + " |"), md);
    assertTrue(md.contains("No run here ended capped."), md);
    JsonNode seed = Json.read(out.resolve(BenchOutputs.JSON), JsonNode.class).path("results").get(0).path("seeds").get(0);
    assertEquals(c.lastEpoch(), seed.path("convergence").path("last_epoch").asInt());
    assertTrue(seed.path("extensions").asInt() >= 1);

    // rerun: the extended run is reused as it is (its config.yaml now records the larger epochs)
    BenchResult again = ModelBench.run(request(data, out, "learning_rate=0.01", 32));
    CellResult reused = again.runs().get(0).seeds().get(0);
    assertEquals(CellResult.Outcome.REUSED, reused.outcome());
    assertEquals(0, reused.extensions());
    assertEquals(c, reused.run().convergence());

    // a run trained beyond --max-epochs is not mixed into a bench with a smaller maximum
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelBench.run(request(data, out, "learning_rate=0.01", 1)));
    assertTrue(e.getMessage().contains("trained " + c.lastEpoch() + " epochs, more than --max-epochs 1"), e.getMessage());
  }

  @Test
  void aRunStillCappedAtMaxEpochsIsFlaggedInEveryTable() throws Exception {
    Path out = tmp.resolve("capped");
    BenchResult r = ModelBench.run(request(data(), out, "none", 1));
    Convergence c = r.runs().get(0).seeds().get(0).run().convergence();
    assertEquals(Convergence.of(1, 1, 6, 6, Convergence.EPOCH_LIMIT), c);
    String md = Files.readString(out.resolve(BenchOutputs.MARKDOWN));
    assertTrue(md.contains(" | 1/1 (capped) |") && md.contains("**1 of 1 runs ended capped**"), md);
    List<String> csv = Files.readAllLines(out.resolve(BenchOutputs.CSV));
    assertTrue(csv.get(0).endsWith(",best_last_epoch,capped_seeds") && csv.get(1).endsWith(",1/1 (capped),1"), String.join("\n", csv));
    JsonNode m = Json.read(out.resolve(BenchOutputs.JSON), JsonNode.class).path("results").get(0);
    assertEquals(1, m.path("capped_seeds").asInt());
    assertTrue(m.path("seeds").get(0).path("convergence").path("best_at_last_eval").asBoolean());
  }

  @Test
  void epochsIsNoGridKeyAndTheStepFloorMustFitMaxEpochs() {
    Path data = data();
    IllegalArgumentException grid = assertThrows(IllegalArgumentException.class,
        () -> ModelBench.run(request(data, tmp.resolve("g"), "epochs=1,2", 8)));
    assertTrue(grid.getMessage().contains("--grid cannot search 'epochs'"), grid.getMessage());
    IllegalArgumentException floor = assertThrows(IllegalArgumentException.class,
        () -> ModelBench.run(request(data, tmp.resolve("f"), "learning_rate=0.01,0.001", 8, "min_steps=100")));
    assertTrue(floor.getMessage().contains("epochs=1 with min_steps=100 means 17 epochs, more than --max-epochs 8"), floor.getMessage());
    // the learning rate is a grid key like any training key
    assertEquals(2, Grid.parse("learning_rate=0.01,0.001").settings().size());
    assertTrue(Files.notExists(tmp.resolve("f").resolve("runs")), "nothing is trained when the request is invalid");
  }
}
