package org.r2led.nn;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/** Development switches for A/B speed comparisons in one process (benchmarks only). */
public final class Experiment {
  private Experiment() {}

  private static final Set<String> ON = new CopyOnWriteArraySet<>();

  public static boolean on(String name) { return !ON.isEmpty() && ON.contains(name); }

  /** Replaces the active switches. */
  public static void set(Set<String> names) {
    ON.clear();
    ON.addAll(names);
  }
}
