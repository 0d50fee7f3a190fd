package org.r2led.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.r2led.io.Progress;
import org.r2led.recall.CandidateExport;
import org.r2led.recall.RecallRun;
import org.r2led.recall.train.NeuralRecall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code r2led retrieve export-candidates}: a CTR dataset of a retriever's candidate lists, for training a ranker. */
@Command(name = "export-candidates", mixinStandardHelpOptions = true,
    description = "Write a prepared CTR dataset whose samples are a retrieval run's top candidates per next-item target "
        + "(label 1 = the user's next positive), for `r2led train`; the ranker then re-ranks with "
        + "`retrieve evaluate --ranker`.")
public final class RetrieveExportCandidatesCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, description = "retrieval run directory (`r2led retrieve train`)")
  Path run;

  @Option(names = "--out", required = true, description = "dataset directory to write (replaced only if it holds a dataset)")
  Path out;

  @Option(names = "--candidates", defaultValue = "200", description = "candidates per target (default: ${DEFAULT-VALUE})")
  int candidates;

  @Option(names = "--train-targets", defaultValue = "20", description = "training targets per user (default: ${DEFAULT-VALUE})")
  int trainTargets;

  @Option(names = "--skip-recent", description = "leave out each user's last N training targets (default: the run's "
      + "max_train_per_user for neural retrievers, whose training targets they are; 0 for popular and item_cooc)")
  Integer skipRecent;

  @Option(names = "--negatives", defaultValue = "20", description = "negatives per training target, drawn from its "
      + "candidates (default: ${DEFAULT-VALUE}); valid and test keep every candidate")
  int negatives;

  @Option(names = "--seed", defaultValue = "1", description = "seed of the training negatives (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--set", description = "retrieve with KEY=VALUE instead of the run's value (no retraining; only "
      + "retrieval-time keys, as `retrieve evaluate --set`), e.g. cascade_weight=1")
  java.util.Map<String, String> set = new java.util.LinkedHashMap<>();

  @Mixin
  SeenOptions seen = new SeenOptions();

  @Option(names = "--no-progress", description = "do not draw the progress bar")
  boolean noProgress;

  @Override
  public Integer call() {
    RecallRun.Loaded l = RecallRun.load(run, set);
    int skip = skipRecent != null ? skipRecent
        : l.retriever() instanceof NeuralRecall ? l.config().get(org.r2led.recall.RecallKeys.MAX_TRAIN_PER_USER) : 0;
    Boolean keep = seen.keepSeen();
    boolean exclude = keep == null ? org.r2led.nextitem.NextItemProtocol.isRatingData(l.dataset()) : !keep;
    CandidateExport.Settings s = new CandidateExport.Settings(candidates, trainTargets, skip, negatives, seed, exclude);
    CandidateExport.Summary sum;
    try (Progress p = noProgress ? Progress.silent()
        : Progress.builder("export candidates").total(l.dataset().numUsers()).unit("users").build()) {
      sum = CandidateExport.write(l, run, out, s, p);
    }
    System.out.printf(Locale.ROOT, "%s top %d%s candidates of %s -> %s (train: %d targets per user, last %d skipped, "
        + "%d negatives)%n", l.info().model(), candidates, exclude ? " unseen" : "", run, out, trainTargets, skip, negatives);
    sum.splits().forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-5s targets %,d  samples %,d  target in candidates %.4f%n",
        k, v.targets(), v.samples(), v.targetInCandidates()));
    return 0;
  }
}
