package org.r2led.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.r2led.config.Config;
import org.r2led.config.ConfigKey;
import org.r2led.io.Json;
import org.r2led.train.RunFiles;
import org.r2led.train.RunResult;
import org.r2led.train.SplitMetrics;

/** Reading finished run directories back: their {@code metrics.json}, and whether their saved config matches. */
public final class RunDirs {
  private RunDirs() {}

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Whether {@code runDir} holds a finished run ({@code metrics.json}). */
  public static boolean finished(Path runDir) { return Files.isRegularFile(runDir.resolve(RunFiles.METRICS)); }

  /** Whether {@code runDir} holds a resumable checkpoint. */
  public static boolean resumable(Path runDir) {
    return Files.isRegularFile(RunFiles.last(runDir)) && Files.isRegularFile(runDir.resolve(RunFiles.CONFIG));
  }

  /** The {@link RunResult} that {@code metrics.json} of {@code runDir} records. */
  public static RunResult read(Path runDir) {
    Path f = runDir.resolve(RunFiles.METRICS);
    JsonNode m = Json.read(f, JsonNode.class);
    for (String k : List.of("model", "seed", "valid", "test", "train_samples_per_s")) {
      if (!m.has(k)) throw new IllegalArgumentException(f + " lacks '" + k + "'; delete the run directory to recompute it");
    }
    return new RunResult(runDir, m.get("model").asText(), m.get("seed").asInt(), metrics(m.get("valid")), metrics(m.get("test")),
        m.path("best_step").asLong(-1), m.path("steps").asLong(0), m.path("epochs").asInt(0), m.get("train_samples_per_s").asDouble());
  }

  private static SplitMetrics metrics(JsonNode n) {
    return new SplitMetrics(n.path("auc").asDouble(Double.NaN), n.path("logloss").asDouble(Double.NaN),
        n.path("gauc").asDouble(Double.NaN), n.path("samples").asInt(0));
  }

  /**
   * The keys whose value in {@code runDir/config.yaml} differs from {@code expected} (as
   * {@code key: saved → expected}); keys only one side has (a key added or removed since) are
   * ignored. Empty when they match.
   */
  public static List<String> configDifferences(Path runDir, Config expected) {
    Path f = runDir.resolve(RunFiles.CONFIG);
    Map<?, ?> saved;
    try {
      Object o = YAML.readValue(f.toFile(), Object.class);
      saved = o instanceof Map<?, ?> mm ? mm : Map.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
    List<String> diffs = new ArrayList<>();
    for (ConfigKey<?> k : expected.schema().all()) {
      if (!saved.containsKey(k.name())) continue;
      Object want = expected.asMap().get(k.name());
      Object have;
      try {
        have = k.convert(saved.get(k.name()), f.toString());
      } catch (IllegalArgumentException e) {
        have = saved.get(k.name());
      }
      if (!Objects.equals(have, want)) diffs.add(k.name() + ": " + have + " → " + want);
    }
    return diffs;
  }
}
