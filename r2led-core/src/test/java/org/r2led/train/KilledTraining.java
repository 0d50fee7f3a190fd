package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.r2led.config.Config;
import org.r2led.data.PreparedDatasetWriter;
import org.r2led.data.Split;
import org.r2led.recall.RecallRun;
import org.r2led.seqrec.SeqRecKeys;
import org.r2led.seqrec.SeqRecTrainer;

/**
 * Trains in a child JVM and kills it with SIGKILL ({@code kill -9}) mid-run, as the kill loop does:
 * the child ({@link #main}) runs a retrieval or sequential training, the parent waits until its last
 * checkpoint records enough steps and kills it while it is still training.
 */
public final class KilledTraining {
  private KilledTraining() {}

  /**
   * Child entry point: {@code seqrec DATA OUT key=value...} or {@code recall DATA OUT MODEL key=value...}.
   */
  public static void main(String[] args) {
    Path data = Path.of(args[1]);
    Path out = Path.of(args[2]);
    if (args[0].equals("seqrec")) {
      Config cfg = Config.builder().overrides(List.of(args).subList(3, args.length)).build(SeqRecKeys.ALL);
      SeqRecTrainer.train(new SeqRecTrainer.Request(data, out, cfg, out.resolveSibling("cache"), false));
    } else {
      RecallRun.train(data, args[3], settings(List.of(args).subList(4, args.length)), out, false);
    }
  }

  /** {@code key=value} settings as a map, in order. */
  public static Map<String, String> settings(List<String> kv) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (String s : kv) m.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
    return m;
  }

  /**
   * Starts {@link #main} with {@code args} in a child JVM and kills it once {@code checkpoint} records at
   * least {@code steps} optimizer steps; fails when the child ended by itself first.
   */
  public static void killAfter(Path checkpoint, long steps, String... args) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"), KilledTraining.class.getName()));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile("r2led-killed-training", ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (System.nanoTime() < deadline && p.isAlive() && stepsIn(checkpoint) < steps) Thread.sleep(5);
      assertTrue(p.isAlive(), "the child ended before it was killed (" + stepsIn(checkpoint) + " steps checkpointed):\n"
          + Files.readString(log));
      p.destroyForcibly(); // SIGKILL
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  private static long stepsIn(Path checkpoint) {
    try {
      return Files.isRegularFile(checkpoint) ? Checkpoint.header(checkpoint).state().globalStep : -1;
    } catch (RuntimeException e) {
      return -1; // replaced while being read
    }
  }

  /**
   * A small next-item dataset in {@code dir}: {@code users} users walking a catalog of {@code items}
   * items in steps of +1 (user {@code u} starts at item {@code 1 + u % items}), {@code length} positives
   * each, categories {@code 1 + item % 3}.
   */
  public static Path walks(Path dir, int users, int length, int items) {
    try (PreparedDatasetWriter w = new PreparedDatasetWriter(dir, false)) {
      for (int u = 0; u < users; u++) {
        w.beginUser("u" + u);
        for (int p = 0; p < length; p++) {
          int it = 1 + (u + p) % items;
          w.addSample(Split.TRAIN, p, it, 1 + it % 3, 1, 100L + p, Float.NaN);
          w.addEvent(it, 1 + it % 3, 1, 100L + p);
        }
      }
      List<String> raw = new ArrayList<>(List.of("<pad>"));
      List<int[]> cats = new ArrayList<>();
      cats.add(new int[0]);
      for (int i = 1; i <= items; i++) {
        raw.add("i" + i);
        cats.add(new int[] {1 + i % 3});
      }
      w.writeItems(raw, cats, null);
      w.writeCategories(List.of("<pad>", "c1", "c2", "c3"));
      w.finish("synthetic", List.of(), Map.of(), Map.of("items", (long) items, "categories", 3L), List.of("click"), null);
    }
    return dir;
  }
}
