package org.r2led.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.r2led.io.FileTrees;
import org.r2led.recall.RecallRun;
import org.r2led.recall.TwoStage;
import org.r2led.serving.ModelExporter;
import org.r2led.serving.ModelManifest;
import org.r2led.serving.ScoringModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code r2led recommend}: retriever top-N candidates re-ranked by a CTR model, for one user. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = "Two-stage recommendation for a user of the retriever's dataset: the retrieval run's top "
        + "--candidates items, scored by the ranker (an exported model directory, or a finished `r2led train` run), "
        + "printed best first: rank, item, ranker probability, retrieval score.")
public final class RecommendCommand implements Callable<Integer> {
  @Option(names = "--retriever", required = true, description = "retrieval run directory (`r2led retrieve train`)")
  Path retriever;

  @Option(names = "--ranker", required = true, description = "exported model directory (`r2led export`) or a finished train run")
  Path ranker;

  @Option(names = "--user", required = true, description = "source user id, as in the dataset")
  String user;

  @Option(names = "--n", defaultValue = "10", description = "items to print (default: ${DEFAULT-VALUE})")
  int n;

  @Option(names = "--candidates", defaultValue = "200", description = "retrieved candidates to rank (default: ${DEFAULT-VALUE})")
  int candidates;

  @Mixin
  RetrieverOptions retrieverOptions = new RetrieverOptions();

  @Override
  public Integer call() throws IOException {
    RecallRun.Loaded r = retrieverOptions.load(retriever);
    Path tmp = null;
    try {
      Path modelDir = ranker;
      if (!Files.isRegularFile(ranker.resolve(ModelManifest.FILE))) {
        tmp = Files.createTempDirectory("r2led-ranker");
        modelDir = tmp.resolve("model");
        ModelExporter.export(ranker, modelDir);
      }
      ScoringModel m = ScoringModel.load(modelDir);
      TwoStage two = new TwoStage(r.retriever(), () -> m, r.dataset(), retrieverOptions.retrievalWeight);
      List<TwoStage.Recommendation> recs = two.recommend(two.user(user), n, candidates);
      System.out.println("rank\titem\tranker_score\tretrieval_score");
      for (int k = 0; k < recs.size(); k++) {
        TwoStage.Recommendation x = recs.get(k);
        System.out.printf(Locale.ROOT, "%d\t%s\t%.6f\t%.6f%n", k + 1, x.item(), x.rankerScore(), x.retrievalScore());
      }
      return 0;
    } finally {
      if (tmp != null) deleteQuietly(tmp);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      FileTrees.delete(p);
    } catch (IOException | UncheckedIOException e) {
      System.err.println("warning: could not delete " + p + ": " + e.getMessage());
    }
  }
}
