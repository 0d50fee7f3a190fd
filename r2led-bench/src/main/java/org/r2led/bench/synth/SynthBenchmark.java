package org.r2led.bench.synth;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.r2led.data.synth.SynthConfig;
import org.r2led.data.synth.SynthSummary;
import org.r2led.data.synth.SyntheticGenerator;
import org.r2led.io.StagedDir;

/**
 * Measures generator throughput: generates about {@code targetEvents} events (the number of users
 * is chosen for it) into a directory, timing the run and sampling heap use every 20 ms, then
 * deletes the output unless asked to keep it.
 */
public final class SynthBenchmark {
  private SynthBenchmark() {}

  /**
   * One benchmark run.
   *
   * @param events events generated
   * @param users users generated
   * @param samples samples generated (all splits)
   * @param seconds wall-clock generation time
   * @param bytesWritten total size of the dataset directory
   * @param peakHeapBytes highest sampled heap use during generation (includes not-yet-collected garbage)
   * @param liveHeapBytes heap in use after generation and a full GC, with the dataset closed
   * @param maxHeapBytes the JVM's heap limit (-Xmx)
   * @param dir the dataset directory (deleted unless kept)
   * @param kept whether the dataset was kept
   */
  public record Result(long events, long users, long samples, double seconds, long bytesWritten, long peakHeapBytes,
      long liveHeapBytes, long maxHeapBytes, Path dir, boolean kept) {
    public double eventsPerSecond() { return events / Math.max(seconds, 1e-9); }

    public double megabytesPerSecond() { return bytesWritten / 1e6 / Math.max(seconds, 1e-9); }

    /** Flat map for a JSON report. */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("events", events);
      m.put("users", users);
      m.put("samples", samples);
      m.put("seconds", seconds);
      m.put("events_per_second", eventsPerSecond());
      m.put("bytes_written", bytesWritten);
      m.put("megabytes_per_second", megabytesPerSecond());
      m.put("peak_heap_bytes", peakHeapBytes);
      m.put("live_heap_bytes", liveHeapBytes);
      m.put("max_heap_bytes", maxHeapBytes);
      m.put("available_processors", Runtime.getRuntime().availableProcessors());
      m.put("java_version", System.getProperty("java.version"));
      return m;
    }
  }

  /**
   * Runs the benchmark.
   *
   * @param base settings whose {@code users} is replaced to reach {@code targetEvents}
   * @param dir output directory, a staged dataset output: new, empty or (with {@code keep}) a dataset;
   *     without {@code keep} it must be new or empty, since the generated dataset is deleted afterwards
   * @param keep keep the generated dataset instead of deleting it
   * @param progress progress stream or null
   */
  public static Result run(SynthConfig base, long targetEvents, Path dir, boolean keep, PrintStream progress) {
    if (targetEvents < 1 || targetEvents > SyntheticGenerator.MAX_EVENTS) {
      throw new IllegalArgumentException("events=" + targetEvents + ": expected 1.." + SyntheticGenerator.MAX_EVENTS);
    }
    boolean existed = Files.isDirectory(dir);
    if (!keep) requireNewOrEmpty(dir);
    SynthConfig cfg = base.with("users", SyntheticGenerator.usersForEvents(base, targetEvents));
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    System.gc();
    AtomicLong peak = new AtomicLong(mem.getHeapMemoryUsage().getUsed());
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "synth-bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    SynthSummary s;
    try {
      s = SyntheticGenerator.generate(cfg, dir, progress);
    } finally {
      sampler.interrupt();
    }
    try {
      sampler.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.gc();
    long live = mem.getHeapMemoryUsage().getUsed();
    long bytes = directorySize(s.dir());
    if (!keep) {
      deleteRecursively(s.dir()); // its real path: what this run generated, nothing else was there
      if (existed) createDirectory(s.dir());
    }
    return new Result(s.events(), s.users(), s.samples(), s.seconds(), bytes, peak.get(), live,
        mem.getHeapMemoryUsage().getMax(), dir, keep);
  }

  /** Refuses {@code dir} when it exists and is not an empty directory (the dataset generated there is deleted). */
  static void requireNewOrEmpty(Path dir) {
    if (!Files.isDirectory(dir)) return; // absent, or a file the generator refuses
    List<String> found;
    try (Stream<Path> s = Files.list(dir)) {
      found = s.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    if (found.isEmpty()) return;
    throw new IllegalArgumentException("refusing to generate into " + dir + " without --keep: it is not empty (found "
        + StagedDir.shown(found) + ") and the benchmark deletes the dataset it generates; choose a new or empty directory,"
        + " or pass --keep to keep the dataset");
  }

  private static void createDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  static long directorySize(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure " + dir, e);
    }
  }

  static void deleteRecursively(Path dir) {
    try {
      org.r2led.io.FileTrees.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
