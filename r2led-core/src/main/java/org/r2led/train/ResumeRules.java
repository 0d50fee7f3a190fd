package org.r2led.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.r2led.config.Config;

/**
 * Which configuration keys a resumed run may change. Only the schedule's length and rhythm may:
 * {@code epochs}, {@code min_steps}, {@code max_steps}, {@code patience}, {@code eval_steps}, {@code checkpoint_steps}.
 * Every other key is fixed, because it defines the model's shape, its data (history windows, SIDs,
 * routes), or the training history the checkpoint continues (seed, learning rate, optimizer,
 * regularizers, batch size); a run with another value would not be the run its files record.
 */
public final class ResumeRules {
  private ResumeRules() {}

  /** The keys that may change on {@code --resume}. */
  public static final Set<String> SCHEDULE_KEYS = Set.of(TrainKeys.EPOCHS.name(), TrainKeys.MIN_STEPS.name(), TrainKeys.MAX_STEPS.name(),
      TrainKeys.PATIENCE.name(), TrainKeys.EVAL_STEPS.name(), TrainKeys.CHECKPOINT_STEPS.name());

  /** Whether {@code key} is fixed for the life of a run. */
  public static boolean fixed(String key) { return !SCHEDULE_KEYS.contains(key); }

  /** Fails naming every fixed key whose value in {@code requested} differs from the run's (the keys both schemas share). */
  public static void refuseFixedChanges(Path runDir, Config run, Config requested) {
    List<ConfigDifference> diffs = ConfigDifference.between(run.asMap(), requested, "config.yaml", ResumeRules::fixed);
    if (diffs.isEmpty()) return;
    String what = diffs.stream().map(d -> d.key() + " is " + d.recorded() + " in the run, the request gives " + d.current())
        .collect(Collectors.joining("; "));
    throw new IllegalArgumentException("cannot resume " + runDir + ": " + what + ". Only "
        + SCHEDULE_KEYS.stream().sorted().collect(Collectors.joining(", "))
        + " may change on --resume; the other keys define the model, its data or its training history."
        + " Nothing was changed; train a new run with another --out to use other values");
  }
}
