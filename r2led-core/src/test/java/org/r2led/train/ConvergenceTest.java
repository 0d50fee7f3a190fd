package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.config.Config;
import org.r2led.io.Json;
import org.r2led.recall.RecallModels;
import org.r2led.seqrec.SeqRecKeys;

/** The step floor ({@code min_steps}), the convergence record of a run and its table column. */
class ConvergenceTest {
  @TempDir Path tmp;

  @Test
  void epochLimitStepFloorAndLabels() {
    assertEquals(10, Convergence.epochLimit(10, 0, 6));
    assertEquals(4, Convergence.epochLimit(1, 20, 6));   // ceil(20 / 6)
    assertEquals(10, Convergence.epochLimit(10, 20, 6)); // the floor only raises the limit
    assertEquals(3, Convergence.epochOf(13, 6));
    assertEquals(1, Convergence.epochOf(0, 6));
    Convergence capped = Convergence.of(4, 4, 24, 24, Convergence.EPOCH_LIMIT);
    Convergence stopped = Convergence.of(2, 4, 12, 24, Convergence.EARLY_STOPPING);
    assertTrue(capped.bestAtLastEval() && capped.endedByLimit());
    assertFalse(stopped.bestAtLastEval() || stopped.endedByLimit());
    assertEquals("2/4, 4/4 (capped), n/a", Convergence.column(Arrays.asList(stopped, capped, null)));
    assertTrue(Convergence.note(List.of(stopped, capped)).contains("**1 of 2 runs ended capped**"));
    assertTrue(Convergence.note(List.of(stopped)).contains("No run here ended capped."));
    assertTrue(capped.describe().contains("CAPPED") && !stopped.describe().contains("CAPPED"), capped.describe());
    // recorded with snake-case names and read back
    JsonNode j = Json.MAPPER.valueToTree(capped);
    assertTrue(j.path("best_at_last_eval").asBoolean() && j.path("stopped_by").asText().equals("epoch_limit"), j.toString());
    assertEquals(capped, Json.MAPPER.convertValue(j, Convergence.class));
  }

  @Test
  void minStepsIsValidatedNamingKeyValueAndRangeInEveryTrainer() {
    IllegalArgumentException ctr = assertThrows(IllegalArgumentException.class,
        () -> TrainKeys.resolve("din", List.of("min_steps=-1")));
    assertEquals("config key 'min_steps' has invalid value '-1' (--set min_steps=-1); expected an integer in [0, 2147483647]", ctr.getMessage());
    IllegalArgumentException seq = assertThrows(IllegalArgumentException.class,
        () -> Config.builder().overrides(List.of("min_steps=lots")).build(SeqRecKeys.ALL));
    assertTrue(seq.getMessage().contains("'min_steps' has invalid value 'lots'") && seq.getMessage().contains("[0, 2147483647]"),
        seq.getMessage());
    IllegalArgumentException rec = assertThrows(IllegalArgumentException.class, () -> RecallModels.config("ulim", Map.of("min_steps", "-1")));
    assertEquals("config key 'min_steps' has invalid value '-1' (--set); expected an integer in [0, 2147483647]", rec.getMessage());
    IllegalArgumentException pat = assertThrows(IllegalArgumentException.class, () -> RecallModels.config("ulim", Map.of("patience", "0")));
    assertEquals("config key 'patience' has invalid value '0' (--set); expected an integer in [1, 100000]", pat.getMessage());
  }

  @Test
  void oneEpochCapIsRecordedAsCappedAndMinStepsTrainsMoreEpochsOnResume() {
    // tiny task: 360 training samples, batch 64 -> 6 steps per epoch
    Path run = ResumeRulesTest.finishedRun(tmp);
    RunResult one = RunResult.read(run);
    assertEquals(1, one.epochs());
    Convergence c1 = one.convergence();
    assertEquals(Convergence.of(1, 1, 6, 6, Convergence.EPOCH_LIMIT), c1);
    JsonNode metrics = Json.read(run.resolve(RunFiles.METRICS), JsonNode.class);
    assertTrue(metrics.path("convergence").path("best_at_last_eval").asBoolean(), metrics.toString());

    // min_steps is a schedule key: epochs stays 1, the floor of 20 steps raises the limit to 4 epochs, and
    // patience 1 cannot stop the run before step 20
    RunResult more = ResumeRulesTest.resume(tmp, run, "min_steps=20", "patience=1");
    assertEquals(4, more.epochs());
    assertEquals(24, more.steps());
    assertEquals(4, more.convergence().lastEpoch());
    assertEquals(24, more.convergence().lastStep());
    assertEquals(more, RunResult.read(run));
  }

  @Test
  void legacyMetricsWithoutConvergenceAreDerivedFromTheHistory() throws Exception {
    Path run = ResumeRulesTest.finishedRun(tmp);
    Path f = run.resolve(RunFiles.METRICS);
    @SuppressWarnings("unchecked")
    Map<String, Object> m = Json.read(f, Map.class);
    Convergence recorded = RunResult.read(run).convergence();
    m.remove("convergence");
    Json.write(f, m);
    assertEquals(recorded, RunResult.read(run).convergence());
  }
}
