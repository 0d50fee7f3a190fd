package org.r2led.seqrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.data.Split;

/** A DMESR run end to end on a small prepared dataset: views with missing parts, training, run files, re-evaluation. */
class SeqRecRunTest {
  @TempDir Path dir;

  private Path dataset() {
    return SeqRecTestData.write(dir.resolve("data"));
  }

  @Test
  void dmesrRunWritesFilesCountsMissingViewsAndReevaluatesExactly() throws Exception {
    Path data = dataset();
    Path vec = dir.resolve("mllm.txt");
    StringBuilder sb = new StringBuilder("# a team's MLLM view: items 1..20 only\n");
    for (int i = 1; i <= 20; i++) sb.append("i").append(i).append(' ').append(i % 4).append(' ').append(1.0 / i).append('\n');
    Files.writeString(vec, sb);
    Config cfg = Config.builder().overrides(List.of("enhance=dmesr", "views=title_genres,tags,file:" + vec, "embedding_dim=8",
        "attention_dim=8", "max_seq_len=6", "num_blocks=1", "num_negatives=10", "sampled_negatives=10", "epochs=3",
        "batch_size=16", "fine_dim=4")).build(SeqRecKeys.ALL);
    Path run = dir.resolve("run");
    FakeEncoder enc = new FakeEncoder();
    SeqRecResult r = SeqRecTrainer.train(new SeqRecTrainer.Request(data, run, cfg, dir.resolve("cache"), false, () -> enc));
    for (String f : List.of(SeqRecRunFiles.CONFIG, SeqRecRunFiles.RUN, SeqRecRunFiles.BEST, SeqRecRunFiles.METRICS)) {
      assertTrue(Files.isRegularFile(run.resolve(f)), f);
    }
    String runJson = Files.readString(run.resolve(SeqRecRunFiles.RUN));
    assertTrue(runJson.contains("\"missing_items\" : 15"), "15 untagged items lack the tags view: " + runJson);
    assertTrue(runJson.contains("\"missing_items\" : 10"), "10 items lack the vector-file view: " + runJson);
    int before = enc.calls;
    SeqRecMetrics again = SeqRecEvaluation.evaluate(run, Split.TEST, false, () -> enc);
    assertEquals(before, enc.calls, "views come from the cache on re-evaluation");
    assertEquals(r.test(), again);
    assertTrue(r.test().fullCatalog().protocol().equals("full catalog"));
    assertThrows(IllegalArgumentException.class,
        () -> SeqRecTrainer.train(new SeqRecTrainer.Request(data, run, cfg, dir.resolve("cache"), false, () -> enc)));
  }

  @Test
  void textFieldsSplitTitleGenresAndTags() {
    String t = "Toy Story (1995). Genres: Animation, Comedy. Tags: pixar, fun.";
    assertEquals("Toy Story (1995). Genres: Animation, Comedy.", ItemTextFields.titleGenres(t, List.of("x")));
    assertEquals("Tags: pixar, fun", ItemTextFields.tags(t));
    assertEquals(null, ItemTextFields.tags("Heat (1995). Genres: Crime."));
    assertEquals("Aperture shutter journal. Category: photography lenses",
        ItemTextFields.titleGenres("Aperture shutter journal", List.of("photography/lenses")));
    assertEquals(List.of("title_genres", "category"), ItemViewBuilder.resolve("auto", List.of("", "A title")));
    assertThrows(IllegalArgumentException.class, () -> ItemViewBuilder.resolve("tags,tags", List.of("")));
  }

  /**
   * Issue 20, case 5: the item-view caches are best effort. Where the cache cannot be written (here a
   * regular file stands where its directory was, which fails for root too, as a read-only mount would),
   * seqrec evaluate computes the views without caching, says so in a note, and gets the same metrics.
   */
  @Test
  void evaluateComputesTheViewsWithoutCachingWhereTheCacheCannotBeWritten() throws Exception {
    Path data = dataset();
    Config cfg = Config.builder().overrides(List.of("enhance=dmesr", "views=title_genres,tags", "embedding_dim=8",
        "attention_dim=8", "max_seq_len=6", "num_blocks=1", "num_negatives=10", "sampled_negatives=10", "epochs=1",
        "batch_size=16", "fine_dim=4")).build(SeqRecKeys.ALL);
    Path run = dir.resolve("run");
    Path cache = dir.resolve("cache");
    FakeEncoder enc = new FakeEncoder();
    SeqRecResult r = SeqRecTrainer.train(new SeqRecTrainer.Request(data, run, cfg, cache, false, () -> enc));
    org.r2led.io.FileTrees.delete(cache);
    Files.writeString(cache, "not a directory");
    int before = enc.calls;
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    SeqRecMetrics again;
    System.setErr(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      again = SeqRecEvaluation.evaluate(run, Split.TEST, false, () -> enc);
    } finally {
      System.setErr(err);
    }
    String notes = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(r.test(), again);
    assertTrue(enc.calls > before, "the views were computed");
    assertTrue(notes.contains("note: cannot write the text-embedding cache " + cache.resolve("text-embeddings"))
        && notes.contains("note: cannot write the fine-view cache " + cache) && notes.contains("continuing without caching"), notes);
    assertEquals("not a directory", Files.readString(cache));
  }
  /**
   * Issue 21: a seqrec run records where its best and last epochs fell; {@code min_steps} raises a one-epoch
   * limit on this small dataset (40 windows, 3 steps per epoch at batch 16). (The bench table's flag for a run
   * whose best checkpoint is its last evaluation: r2led-bench's SeqRecBenchTest.)
   */
  @Test
  void minStepsTrainsMoreEpochs() throws Exception {
    Path data = dataset();
    List<String> small = List.of("backbone=gru4rec", "embedding_dim=8", "max_seq_len=6", "num_negatives=10",
        "sampled_negatives=10", "batch_size=16", "epochs=1");
    List<String> floor = new ArrayList<>(small);
    floor.addAll(List.of("min_steps=7", "patience=1"));
    SeqRecResult r = SeqRecTrainer.train(new SeqRecTrainer.Request(data, dir.resolve("floor"),
        Config.builder().overrides(floor).build(SeqRecKeys.ALL), dir.resolve("cache"), false));
    assertEquals(3, r.epochs(), "ceil(7 / 3) epochs, and patience 1 waits for step 7");
    assertEquals(9, r.convergence().lastStep());
    assertEquals(3, r.convergence().lastEpoch());
    assertTrue(Files.readString(dir.resolve("floor").resolve(SeqRecRunFiles.METRICS)).contains("\"best_at_last_eval\""));

  }
}
