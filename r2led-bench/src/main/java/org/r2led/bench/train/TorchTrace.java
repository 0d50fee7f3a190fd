package org.r2led.bench.train;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r2led.io.InPlaceDir;
import org.r2led.io.Json;
import org.r2led.io.StagedDir;

/**
 * PyTorch's own (legacy autograd) profiler through DJL: every ATen op and every autograd backward
 * node, forward and backward, with its duration. {@link #aggregate} turns a trace file into self
 * times per op name (a parent's time minus its children's, per thread), which splits the single
 * backward call into its nodes (e.g. {@code EmbeddingBackward0}, {@code BmmBackward0}).
 */
public final class TorchTrace {
  private TorchTrace() {}

  /** Starts PyTorch's profiler (CPU, with input shapes). */
  public static void start() { JniUtils.startProfile(false, true, false); }

  /** Stops the profiler and writes its chrome-trace JSON to {@code file} (temp file, fsync, rename). */
  public static void stop(Path file) {
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + ProcessHandle.current().pid() + ".0.tmp");
    try {
      Files.createDirectories(abs.getParent());
      JniUtils.stopProfile(tmp.toString());
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trace " + abs, e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // a dead writer's temp file is removed by the next write into the directory
      }
    }
  }

  /** A model's trace file in a trace directory. */
  public static String fileName(String model) { return model + ".trace.json"; }

  /**
   * The kind of a trace directory ({@code bench train --torch-trace DIR}), written in place: one
   * {@link #fileName} per model. There is no earlier version to recognise: a non-empty unmarked folder is refused.
   */
  public static final StagedDir.Kind KIND = StagedDir.Kind.of("torch-traces");

  /** Locks and checks {@code dir} for the traces of {@code models} ({@link InPlaceDir}); the caller marks it. */
  public static InPlaceDir openDir(Path dir, List<String> models) {
    return InPlaceDir.open(dir, KIND, n -> false, models.stream().map(TorchTrace::fileName).toList());
  }

  /** Self and inclusive time of one op name over a trace. */
  public record Op(String name, double selfMs, double totalMs, long calls) {}

  /** Self/total milliseconds per op name, largest self time first. */
  public static List<Op> aggregate(Path traceFile) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(traceFile.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trace " + traceFile, e);
    }
    JsonNode evs = root.isArray() ? root : root.path("traceEvents");
    record Ev(String name, long tid, double ts, double dur) {}
    Map<Long, List<Ev>> byThread = new HashMap<>();
    for (JsonNode e : evs) {
      if (!"X".equals(e.path("ph").asText())) continue;
      long tid = e.path("tid").asLong();
      byThread.computeIfAbsent(tid, k -> new ArrayList<>())
          .add(new Ev(e.path("name").asText(), tid, e.path("ts").asDouble(), e.path("dur").asDouble()));
    }
    Map<String, double[]> agg = new LinkedHashMap<>();
    for (List<Ev> list : byThread.values()) {
      list.sort(Comparator.comparingDouble(Ev::ts).thenComparing(Comparator.comparingDouble(Ev::dur).reversed()));
      Deque<double[]> stack = new ArrayDeque<>();   // {end, index}
      double[] self = new double[list.size()];
      for (int i = 0; i < list.size(); i++) {
        Ev e = list.get(i);
        self[i] = e.dur();
        while (!stack.isEmpty() && stack.peek()[0] <= e.ts()) stack.pop();
        if (!stack.isEmpty()) self[(int) stack.peek()[1]] -= e.dur();
        stack.push(new double[] {e.ts() + e.dur(), i});
      }
      for (int i = 0; i < list.size(); i++) {
        double[] a = agg.computeIfAbsent(list.get(i).name(), k -> new double[3]);
        a[0] += self[i] / 1000;
        a[1] += list.get(i).dur() / 1000;
        a[2]++;
      }
    }
    List<Op> ops = new ArrayList<>();
    agg.forEach((k, v) -> ops.add(new Op(k, v[0], v[1], (long) v[2])));
    ops.sort(Comparator.comparingDouble(Op::selfMs).reversed());
    return ops;
  }
}
