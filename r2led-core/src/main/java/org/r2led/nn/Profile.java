package org.r2led.nn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named, cumulative wall-clock sections for a time breakdown of training steps (forward blocks,
 * backward, gradient copy-out, optimizer update, batch preparation). Off by default; when off,
 * {@link #start()} and {@link #stop} are a field read and a branch. PyTorch runs CPU ops eagerly on
 * the calling thread, so a section around a block's forward measures that block's forward ops.
 *
 * <p>Sections may nest (a parent includes its children) and may be recorded from several threads
 * (e.g. the batch-preparation thread, whose time overlaps the training thread's).
 *
 * <pre>{@code
 * long t = Profile.start();
 * ... work ...
 * Profile.stop("fwd.attention", t);
 * }</pre>
 */
public final class Profile {
  private Profile() {}

  private static volatile boolean on;
  private static volatile boolean cpu;
  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
  private static final Map<String, long[]> SECTIONS = new LinkedHashMap<>();

  /** Cumulative time and number of calls of one section. */
  public record Section(double ms, long calls) {}

  /** Switches recording on or off (does not clear what was recorded). */
  public static void enable(boolean enabled) { on = enabled; }

  /**
   * Selects the clock: wall time (default) or the recording thread's CPU time. With one PyTorch
   * thread ({@code -Dai.djl.pytorch.num_threads=1}) all ops run on the calling thread, so CPU-time
   * sections measure the work of each section independently of other load on the machine.
   */
  public static void useCpuClock(boolean threadCpu) { cpu = threadCpu; }

  public static boolean cpuClock() { return cpu; }

  private static long now() { return cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime(); }

  public static boolean enabled() { return on; }

  /** A start timestamp (0 when recording is off). */
  public static long start() { return on ? now() : 0L; }

  /** Adds the time since {@code t0} (from {@link #start()}) to section {@code name}. */
  public static void stop(String name, long t0) {
    if (on && t0 != 0L) add(name, now() - t0);
  }

  /**
   * Ends section {@code name} begun at {@code t0} and returns the start of the next one, for a run of
   * consecutive sections: {@code t = Profile.lap("a", t); ... t = Profile.lap("b", t);}.
   */
  public static long lap(String name, long t0) {
    if (!on || t0 == 0L) return 0L;
    long now = now();
    add(name, now - t0);
    return now;
  }

  /** Adds {@code nanos} to section {@code name} (when recording is on). */
  public static void add(String name, long nanos) {
    if (!on) return;
    synchronized (SECTIONS) {
      long[] a = SECTIONS.computeIfAbsent(name, k -> new long[2]);
      a[0] += nanos;
      a[1]++;
    }
  }

  /**
   * Runs {@code call} {@code calls} times with recording on, one fresh set of sections per call, the whole
   * call timed as section {@code total}. Returns each section's ms per call (0 where a call did not record
   * it), in first-recorded order. Clears the sections afterwards and restores the previous on/off state.
   */
  public static Map<String, double[]> perCall(int calls, String total, Runnable call) {
    boolean was = on;
    Map<String, double[]> per = new LinkedHashMap<>();
    try {
      enable(true);
      for (int c = 0; c < calls; c++) {
        reset();
        long t0 = start();
        call.run();
        stop(total, t0);
        for (Map.Entry<String, Section> e : snapshot().entrySet()) {
          per.computeIfAbsent(e.getKey(), k -> new double[calls])[c] = e.getValue().ms();
        }
      }
    } finally {
      reset();
      enable(was);
    }
    return per;
  }

  /** Clears all sections. */
  public static void reset() {
    synchronized (SECTIONS) {
      SECTIONS.clear();
    }
  }

  /** A copy of all sections, in first-recorded order. */
  public static Map<String, Section> snapshot() {
    Map<String, Section> m = new LinkedHashMap<>();
    synchronized (SECTIONS) {
      for (Map.Entry<String, long[]> e : SECTIONS.entrySet()) {
        m.put(e.getKey(), new Section(e.getValue()[0] / 1e6, e.getValue()[1]));
      }
    }
    return m;
  }
}
