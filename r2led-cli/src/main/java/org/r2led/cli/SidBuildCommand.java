package org.r2led.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.r2led.config.Config;
import org.r2led.config.ConfigKey;
import org.r2led.data.PreparedDataset;
import org.r2led.sid.SidBuildConfig;
import org.r2led.sid.SidBuilder;
import org.r2led.sid.SidReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led sid build}: content vectors → residual quantization → SID table + report. */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Build Semantic IDs for a prepared dataset: content embeddings, residual quantization, "
        + "a disambiguation suffix, codebooks and a report (report.json, report.md).")
public final class SidBuildCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "prepared dataset directory")
  Path data;

  @Option(names = "--out", required = true, description = "output directory for the SID table, codebooks and report")
  Path out;

  @Option(names = "--encoder", description = "text | cooccurrence | file:PATH (default: text when every item has text, "
      + "else cooccurrence)")
  String encoder;

  @Option(names = "--quantizer", description = "rqkmeans | rqvae (default: rqkmeans)")
  String quantizer;

  @Option(names = "--levels", description = "semantic levels, 1..4 (default: 3)")
  Integer levels;

  @Option(names = "--codebook-size", split = ",", paramLabel = "K[,K2,...]",
      description = "codes per level: one value for all levels or one per level "
          + "(default: 2^round(log2(sqrt(items))) clamped to 4..256)")
  List<Integer> codebookSizes;

  @Option(names = "--seed", description = "random seed (default: 42)")
  Long seed;

  @Option(names = "--cache", description = "text-embedding cache directory (default: OUT/embedding-cache)")
  Path cache;

  @Option(names = "--threads", description = "worker threads, 0 = all processors (default: 0)")
  Integer threads;

  @Option(names = "--save-embeddings", description = "also write the content vectors to OUT/embeddings.f32")
  boolean saveEmbeddings;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set any key of --help-keys, e.g. --set levels=2 (repeatable).")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--help-keys", help = true, description = "List the keys of a SID build with their defaults, and exit.")
  boolean helpKeys;

  @Override
  public Integer call() {
    if (helpKeys) {
      System.out.print(KeyTable.of("SID build keys (--set key=value; the options above set them too):", SidBuildConfig.KEYS));
      return 0;
    }
    SidBuilder.build(PreparedDataset.open(data), config(), out);
    System.out.print(SidReport.read(out).toMarkdown());
    return 0;
  }

  /** The options as a SID build configuration (each value's origin is its option). */
  SidBuildConfig config() {
    Config.Builder b = Config.builder();
    set(b, SidBuildConfig.ENCODER, encoder, "--encoder");
    set(b, SidBuildConfig.QUANTIZER, quantizer, "--quantizer");
    set(b, SidBuildConfig.LEVELS, levels, "--levels");
    set(b, SidBuildConfig.CODEBOOK_SIZE, codebookSizes, "--codebook-size");
    set(b, SidBuildConfig.SEED, seed, "--seed");
    set(b, SidBuildConfig.CACHE_DIR, cache == null ? null : cache.toString(), "--cache");
    set(b, SidBuildConfig.THREADS, threads, "--threads");
    if (saveEmbeddings) set(b, SidBuildConfig.SAVE_EMBEDDINGS, true, "--save-embeddings");
    settings.forEach((k, v) -> b.set(k, v, "--set " + k + "=" + v));
    return SidBuildConfig.of(b.build(SidBuildConfig.KEYS));
  }

  private static <T> void set(Config.Builder b, ConfigKey<T> key, T value, String option) {
    if (value != null) b.set(key.name(), value, option + " " + value);
  }
}
