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
import org.r2led.serving.ModelManifest;
import org.r2led.serving.ScoringModel;
import org.r2led.train.ModelExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code r2led recommend}: retriever top-N candidates re-ranked by a CTR model, for one user. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = "Two-stage recommendation for a user of the retriever's dataset: the retrieval run's top "
        + "--candidates items, scored by the ranker (an exported model directory, or a finished `r2led train` run), "
        + "printed best first: rank, item, ranker probability, retrieval score and the item's text when the dataset has "
        + "any. Items the user already has are left out on rating data and kept on click data (--keep-seen, --exclude-seen).")
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

  @Mixin
  SeenOptions seen = new SeenOptions();

  /** Longest item text printed, in code points (longer text is cut and ends in {@code ...}). */
  static final int TEXT_WIDTH = 60;

  @Override
  public Integer call() throws IOException {
    Boolean keepSeen = seen.keepSeen();
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
      boolean excludeSeen = two.excludeSeen(keepSeen);
      List<TwoStage.Recommendation> recs = two.recommend(two.user(user), n, candidates, excludeSeen);
      boolean text = recs.stream().anyMatch(x -> two.text(x.denseItem()) != null);
      System.out.println("rank\titem\tranker_score\tretrieval_score" + (text ? "\ttext" : ""));
      for (int k = 0; k < recs.size(); k++) {
        TwoStage.Recommendation x = recs.get(k);
        System.out.printf(Locale.ROOT, "%d\t%s\t%.6f\t%.6f%s%n", k + 1, x.item(), x.rankerScore(), x.retrievalScore(),
            text ? "\t" + shorten(two.text(x.denseItem())) : "");
      }
      if (recs.size() < n) {
        System.err.println("note: only " + recs.size() + " of " + n + " items"
            + (excludeSeen ? " left once the user's own items are excluded (--keep-seen keeps them)" : " retrieved"));
      }
      return 0;
    } finally {
      if (tmp != null) deleteQuietly(tmp);
    }
  }

  /** {@code t} on one line, at most {@link #TEXT_WIDTH} code points ({@code ...} marks a cut); "" for null. */
  static String shorten(String t) {
    if (t == null) return "";
    String one = t.replaceAll("\\p{Cntrl}", " ");
    if (one.codePointCount(0, one.length()) <= TEXT_WIDTH) return one;
    return one.substring(0, one.offsetByCodePoints(0, TEXT_WIDTH - 3)).stripTrailing() + "...";
  }

  private static void deleteQuietly(Path p) {
    try {
      FileTrees.delete(p);
    } catch (IOException | UncheckedIOException e) {
      System.err.println("warning: could not delete " + p + ": " + e.getMessage());
    }
  }
}
