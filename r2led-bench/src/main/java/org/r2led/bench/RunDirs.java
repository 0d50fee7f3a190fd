package org.r2led.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.r2led.config.Config;
import org.r2led.train.ConfigDifference;
import org.r2led.train.RunFiles;
import org.r2led.train.RunResult;

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
  public static RunResult read(Path runDir) { return RunResult.read(runDir); }

  /**
   * The keys whose value in {@code runDir/config.yaml} differs from {@code expected} (as
   * {@code key: saved → expected}); keys only one side has (a key added or removed since) are
   * ignored. Empty when they match.
   */
  public static List<String> configDifferences(Path runDir, Config expected) {
    return configDifferences(runDir, expected, k -> true);
  }

  /** {@link #configDifferences(Path, Config)} over the keys {@code keys} selects. */
  public static List<String> configDifferences(Path runDir, Config expected, java.util.function.Predicate<String> keys) {
    Path f = runDir.resolve(RunFiles.CONFIG);
    Map<?, ?> saved;
    try {
      Object o = YAML.readValue(f.toFile(), Object.class);
      saved = o instanceof Map<?, ?> mm ? mm : Map.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
    return ConfigDifference.between(saved, expected, f.toString(), keys).stream().map(ConfigDifference::toString).toList();
  }
}
