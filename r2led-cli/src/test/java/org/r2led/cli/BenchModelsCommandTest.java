package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.io.Json;

/** {@code bench models} end to end on a tiny synthetic dataset: outputs, the budget rule, reuse and resume. */
class BenchModelsCommandTest {
  @TempDir Path tmp;

  private String[] bench(Path ds, Path sid, Path out, String lengths, String... extra) {
    List<String> a = new ArrayList<>(List.of("bench", "models", "--data", ds.toString(), "--sids", sid.toString(), "--models", "din,r2led",
        "--seeds", "2", "--out", out.toString(), "--grid", "learning_rate=1e-3,3e-3", "--set", "epochs=1", "--max-epochs", "1", "--set", "batch_size=64",
        "--latency-lengths", lengths, "--candidates", "10", "--latency-repeats", "3", "--no-progress"));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  @Test
  void benchTwoModelsThenReuseAndResume() throws Exception {
    Path ds = tmp.resolve("ds");
    CliRun synth = CliRun.of("data", "synth", "--out", ds.toString(), "--preset", "quickstart", "--users", "40", "--items", "200",
        "--seed", "5", "--set", "max_len=200", "--set", "samples_per_user=10", "--quiet");
    assertEquals(0, synth.code(), synth.err());
    Path sid = tmp.resolve("sid");
    CliRun sids = CliRun.of("sid", "build", "--data", ds.toString(), "--out", sid.toString(), "--encoder", "cooccurrence", "--levels", "2",
        "--codebook-size", "6", "--seed", "1");
    assertEquals(0, sids.code(), sids.err());
    Path out = tmp.resolve("bench");

    CliRun first = CliRun.of(bench(ds, sid, out, "30,120"));
    assertEquals(0, first.code(), first.err());
    for (String f : List.of("results.md", "results.csv", "results.json", "auc_vs_cost.png", "latency_vs_length.png")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    for (String png : List.of("auc_vs_cost.png", "latency_vs_length.png")) {
      BufferedImage img = ImageIO.read(out.resolve(png).toFile());
      assertNotNull(img, png + " is not a readable image");
      assertTrue(img.getWidth() >= 400 && img.getHeight() >= 300, png);
    }
    String md = Files.readString(out.resolve("results.md"));
    for (String model : List.of("din", "r2led")) {
      String row = md.lines().filter(l -> l.startsWith("| " + model + " | learning_rate=")).findFirst().orElseThrow(() -> new AssertionError(md));
      double auc = Double.parseDouble(row.split("\\|")[4].replace("*", "").trim().split(" ")[0]);
      assertTrue(auc > 0 && auc < 1, row);
      assertTrue(md.lines().anyMatch(l -> l.matches("\\| " + model + " \\| [0-9.,]+ \\| [0-9.,]+ \\|")), "latency row of " + model + "\n" + md);
    }
    assertTrue(md.contains("**"), "the best AUC is bold\n" + md);
    // one epoch with no room to extend (--max-epochs 1): every run is flagged
    assertTrue(md.contains("| best/last epoch |") && md.contains("1/1 (capped), 1/1 (capped) |")
        && md.contains("**4 of 4 runs ended capped**"), md);
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertEquals(3, csv.size(), String.join("\n", csv));
    assertTrue(csv.get(0).startsWith("model,setting_id,setting,seeds,test_auc_mean"), csv.get(0));

    JsonNode j = Json.read(out.resolve("results.json"), JsonNode.class);
    assertEquals(6, j.path("cells").path("total").asInt()); // per model: 2 grid settings on seed 1 + seed 2
    assertEquals(6, j.path("cells").path("trained").asInt());
    assertEquals(0, j.path("reused").asInt());
    for (JsonNode m : j.path("results")) {
      assertEquals(2, m.path("seeds").size());
      assertEquals(2, m.path("grid_trials").size());
      // the chosen setting is the grid trial with the best validation AUC, and seed 2 ran at it
      String chosen = m.path("setting_id").asText();
      JsonNode t0 = m.path("grid_trials").get(0), t1 = m.path("grid_trials").get(1);
      String best = t1.path("valid").path("auc").asDouble() > t0.path("valid").path("auc").asDouble() ? t1.path("setting_id").asText()
          : t0.path("setting_id").asText();
      assertEquals(best, chosen);
      assertEquals(chosen, m.path("seeds").get(1).path("setting_id").asText());
      Path seed2 = Path.of(m.path("seeds").get(1).path("run_dir").asText());
      assertTrue(Files.isRegularFile(seed2.resolve("metrics.json")) && Files.isRegularFile(seed2.resolve("config.yaml")), seed2.toString());
      assertTrue(m.path("scoring").path("candidates").path("us_per_target").asDouble() > 0);
      assertTrue(m.path("params").asLong() > m.path("params_non_embedding").asLong());
    }

    // Second invocation: every cell is read back, nothing is trained.
    CliRun again = CliRun.of(bench(ds, sid, out, "30,120"));
    assertEquals(0, again.code(), again.err());
    JsonNode j2 = Json.read(out.resolve("results.json"), JsonNode.class);
    assertEquals(6, j2.path("reused").asInt());
    assertEquals(0, j2.path("cells").path("trained").asInt());
    assertTrue(again.err().contains("6 finished earlier (reused), 0 to train"), again.err());
    assertTrue(!again.err().contains("valid (best)"), "no run was trained or evaluated again");

    // A cell with a checkpoint but no metrics is resumed (here: only its final evaluation is left).
    Path cell = Path.of(j2.path("results").get(0).path("seeds").get(1).path("run_dir").asText());
    Files.delete(cell.resolve("metrics.json"));
    CliRun resumed = CliRun.of(bench(ds, sid, out, "none"));
    assertEquals(0, resumed.code(), resumed.err());
    JsonNode j3 = Json.read(out.resolve("results.json"), JsonNode.class);
    assertEquals(1, j3.path("cells").path("resumed").asInt());
    assertEquals(5, j3.path("reused").asInt());
    assertTrue(Files.isRegularFile(cell.resolve("metrics.json")));

    // Other settings for existing run directories fail instead of mixing runs.
    CliRun changed = CliRun.of(bench(ds, sid, out, "none", "--set", "patience=3"));
    assertEquals(2, changed.code());
    assertTrue(changed.err().contains("was made with other settings (patience: 2 → 3)"), changed.err());
  }

  @Test
  void gridKeysMustBelongToEveryModelUnlessTrainingKeys() throws Exception {
    Path ds = tmp.resolve("ds");
    CliRun synth = CliRun.of("data", "synth", "--out", ds.toString(), "--preset", "quickstart", "--users", "40", "--items", "200",
        "--seed", "5", "--set", "max_len=200", "--quiet");
    assertEquals(0, synth.code(), synth.err());
    Path out = tmp.resolve("bench");
    CliRun topk = CliRun.of("bench", "models", "--data", ds.toString(), "--models", "din", "--out", out.toString(), "--grid", "topk=10,20");
    assertEquals(2, topk.code());
    assertTrue(topk.err().contains("--grid key 'topk' is not a key of model 'din'"), topk.err());
    CliRun seed = CliRun.of("bench", "models", "--data", ds.toString(), "--models", "din", "--out", out.toString(), "--set", "seed=3");
    assertEquals(2, seed.code());
    assertTrue(seed.err().contains("--set cannot set 'seed'"), seed.err());
    CliRun unknown = CliRun.of("bench", "models", "--data", ds.toString(), "--models", "din,nope", "--out", out.toString());
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown model 'nope'"), unknown.err());
    CliRun noSids = CliRun.of("bench", "models", "--data", ds.toString(), "--models", "din,r2led", "--out", out.toString());
    assertEquals(2, noSids.code());
    assertTrue(noSids.err().contains("needs Semantic IDs"), noSids.err());
    assertTrue(Files.notExists(out.resolve("runs")), "nothing is trained when the request is invalid");
  }
}
