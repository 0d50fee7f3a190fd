package org.r2led.nextitem;

import java.util.List;
import java.util.Locale;

/**
 * Which next-item examples an evaluation keeps: all of them, only those whose target already occurs in the
 * user's history ({@link NextItemExample#targetInHistory}, repeat consumption), or only the others (new items).
 * The slices' metrics, weighted by their user counts, add up to the metrics over all examples.
 */
public enum TargetSlice {
  ALL, REPEAT, NEW;

  /** {@code all}, {@code repeat} or {@code new} (any case); the error names the option and the accepted values. */
  public static TargetSlice parse(String option, String value) {
    for (TargetSlice t : values()) if (t.label().equalsIgnoreCase(value.trim())) return t;
    throw new IllegalArgumentException(option + " " + value + ": expected all, repeat (the target is in the user's "
        + "history) or new (it is not)");
  }

  /** Lower-case name, as the command line takes it. */
  public String label() { return name().toLowerCase(Locale.ROOT); }

  /** The examples of this slice, in their order (the same list for {@link #ALL}). */
  public List<NextItemExample> select(List<NextItemExample> examples) {
    if (this == ALL) return examples;
    boolean repeat = this == REPEAT;
    return examples.stream().filter(e -> e.targetInHistory() == repeat).toList();
  }
}
