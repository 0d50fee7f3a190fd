package org.r2led.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a training run's budget ended, recorded with every run (CTR {@code metrics.json}, seqrec
 * {@code metrics.json}, retrieval {@code retrieval.json}) and shown by every bench table. Epochs are
 * 1-based: the epoch in which the evaluation fell ({@code ceil(step / steps per epoch)}).
 *
 * @param bestStep optimizer step of the best validation evaluation (the kept checkpoint)
 * @param lastStep optimizer step of the last evaluation
 * @param bestAtLastEval the best checkpoint is the last evaluation: the budget ended the run while
 *     validation was still improving ("capped"), so longer training may do better
 * @param stoppedBy {@link #EARLY_STOPPING}, {@link #EPOCH_LIMIT} or {@link #MAX_STEPS}
 */
public record Convergence(@JsonProperty("best_epoch") int bestEpoch, @JsonProperty("last_epoch") int lastEpoch,
    @JsonProperty("best_step") long bestStep, @JsonProperty("last_step") long lastStep,
    @JsonProperty("best_at_last_eval") boolean bestAtLastEval, @JsonProperty("stopped_by") String stoppedBy) {
  /** {@code patience} evaluations without improvement ended the run. */
  public static final String EARLY_STOPPING = "early_stopping";
  /** The epoch limit ({@code epochs}, raised by {@code min_steps}) ended the run. */
  public static final String EPOCH_LIMIT = "epoch_limit";
  /** {@code max_steps} paused the run. */
  public static final String MAX_STEPS = "max_steps";

  /** A run's record; {@code bestAtLastEval} follows from the steps. */
  public static Convergence of(int bestEpoch, int lastEpoch, long bestStep, long lastStep, String stoppedBy) {
    return new Convergence(bestEpoch, lastEpoch, bestStep, lastStep, bestStep == lastStep, stoppedBy);
  }

  /** The 1-based epoch in which {@code step} (≥ 1) fell, at {@code stepsPerEpoch} steps per epoch. */
  public static int epochOf(long step, long stepsPerEpoch) {
    return (int) Math.max(1, (step + stepsPerEpoch - 1) / stepsPerEpoch);
  }

  /**
   * The epoch limit of a run: {@code epochs}, raised so that at least {@code minSteps} optimizer steps
   * are trained ({@code ceil(minSteps / stepsPerEpoch)} epochs) — the step-based floor for small datasets.
   */
  public static int epochLimit(int epochs, long minSteps, long stepsPerEpoch) {
    if (stepsPerEpoch < 1) return epochs;
    return (int) Math.max(epochs, Math.min(Integer.MAX_VALUE, (minSteps + stepsPerEpoch - 1) / stepsPerEpoch));
  }

  /** Whether early stopping may end the run after {@code step} steps: not before {@code minSteps}. */
  public static boolean mayStop(long step, long minSteps) { return step >= minSteps; }

  /** Whether the epoch limit, not early stopping, ended the run (so a larger limit would train further). */
  public boolean endedByLimit() { return EPOCH_LIMIT.equals(stoppedBy); }

  /** {@code best/last}, with {@code (capped)} when the best checkpoint is the last evaluation. */
  public String label() {
    return String.format(Locale.ROOT, "%d/%d%s", bestEpoch, lastEpoch, bestAtLastEval ? " (capped)" : "");
  }

  /** One line for a run's log: where the best evaluation fell, what ended the run, and a warning when capped. */
  public String describe() {
    String s = String.format(Locale.ROOT, "best checkpoint at epoch %d (step %d) of %d, ended by %s", bestEpoch, bestStep, lastEpoch,
        stoppedBy.replace('_', ' '));
    return bestAtLastEval ? s + "; CAPPED: the best checkpoint is the last evaluation, so validation was still improving "
        + "(raise epochs or min_steps)" : s;
  }

  /** Table heading of {@link #column}. */
  public static final String HEADING = "best/last epoch";

  /** A table cell for runs (one per seed, in order): their labels, {@code n/a} for a run without a record. */
  public static String column(List<Convergence> runs) {
    return runs.stream().map(c -> c == null ? "n/a" : c.label()).collect(Collectors.joining(", "));
  }

  /** How many of {@code runs} ended capped. */
  public static long capped(List<Convergence> runs) {
    return runs.stream().filter(c -> c != null && c.bestAtLastEval()).count();
  }

  /** The note under a table with a {@link #column}: what it means, and how many runs ended capped. */
  public static String note(List<Convergence> runs) {
    long capped = capped(runs);
    String s = "`" + HEADING + "`: per seed, the epoch of the best validation checkpoint (the one evaluated) and the last "
        + "epoch trained. **(capped)**: the best checkpoint was the last evaluation, so the budget, not early stopping, ended "
        + "a run that was still improving; its figures may understate the model.";
    if (capped == 0) return s + " No run here ended capped.\n";
    return s + String.format(Locale.ROOT, " **%d of %d runs ended capped**: train them with a larger `epochs` (or "
        + "`min_steps`) before reading the comparison as converged.%n", capped, runs.size());
  }
}
