package org.r2led.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
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

  @Option(names = "--quantizer", defaultValue = "rqkmeans", description = "rqkmeans | rqvae (default: ${DEFAULT-VALUE})")
  String quantizer;

  @Option(names = "--levels", defaultValue = "3", description = "semantic levels, 1..4 (default: ${DEFAULT-VALUE})")
  int levels;

  @Option(names = "--codebook-size", description = "codes per level (default: 2^round(log2(sqrt(items))) clamped to 4..256)")
  Integer codebookSize;

  @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--cache", description = "text-embedding cache directory (default: OUT/embedding-cache)")
  Path cache;

  @Option(names = "--threads", defaultValue = "0", description = "worker threads, 0 = all processors (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--save-embeddings", description = "also write the content vectors to OUT/embeddings.f32")
  boolean saveEmbeddings;

  @Override
  public Integer call() {
    SidBuildConfig cfg = new SidBuildConfig(encoder, quantizer, levels, codebookSize, seed, cache, threads, saveEmbeddings);
    SidBuilder.build(PreparedDataset.open(data), cfg, out);
    System.out.print(SidReport.read(out).toMarkdown());
    return 0;
  }
}
