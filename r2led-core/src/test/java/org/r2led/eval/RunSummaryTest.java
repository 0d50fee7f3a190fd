package org.r2led.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {
  @TempDir Path root;

  private void run(String dir, double testAuc, double validAuc) throws Exception {
    Path d = root.resolve(dir);
    Files.createDirectories(d);
    Files.writeString(d.resolve("metrics.json"), String.format(java.util.Locale.ROOT,
        "{\"test\":{\"auc\":%f,\"logloss\":0.5,\"gauc\":0.6},\"valid\":{\"auc\":%f},\"train_samples_per_s\":100}",
        testAuc, validAuc));
  }

  @Test
  void groupsRunsByParentAndComputesMeanAndSampleStd() throws Exception {
    run("din/seed1", 0.70, 0.6);
    run("din/seed2", 0.72, 0.6);
    run("din/seed3", 0.74, 0.6);
    run("r2led/seed1", 0.80, 0.7);
    List<RunSummary.Group> g = RunSummary.collect(root);
    assertEquals(2, g.size());
    assertEquals("din", g.get(0).name());
    assertEquals(3, g.get(0).n());
    assertEquals(0.72, g.get(0).auc()[0], 1e-9);
    assertEquals(0.02, g.get(0).auc()[1], 1e-9); // sqrt(((.02)^2 + 0 + (.02)^2) / 2)
    assertEquals(0.0, g.get(1).auc()[1], 0);
    assertTrue(RunSummary.toMarkdown(g).contains("| din | 3 | 0.6000 ± 0.0000 | 0.7200 ± 0.0200 |"));
  }

  @Test
  void meanStdMatchesHandComputation() {
    assertArrayEquals(new double[] {2.0, 1.0}, RunSummary.meanStd(new double[] {1, 2, 3}), 1e-12);
  }

  @Test
  void emptyRootIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunSummary.collect(root));
    assertTrue(e.getMessage().contains("no metrics.json"));
  }
}
