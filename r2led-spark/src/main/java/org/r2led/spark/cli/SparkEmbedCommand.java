package org.r2led.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.r2led.options.EmbedOptions;
import org.r2led.data.PreparedDataset;
import org.r2led.sid.SidBuildConfig;
import org.r2led.spark.SparkProgress;
import org.r2led.spark.embed.SidAssign;
import org.r2led.spark.embed.SparkEmbed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code r2led spark embed}: {@code sid embed} with the text encoder on executors, plus SID assignment (--sids). */
@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
    description = "The Spark job of `sid embed`: item texts → content vectors with the same sentence encoder"
        + " (bge-small-en-v1.5), per partition on executors, written in the vector-file format. With --sids DIR also"
        + " fits residual k-means codebooks on a sample and assigns SIDs to every item (the SID directory of `sid build`).")
public final class SparkEmbedCommand implements Callable<Integer> {
  @Mixin
  EmbedOptions options;

  @Mixin
  SparkOptions spark;

  @Option(names = "--sids", paramLabel = "DIR", description = "also assign SIDs and write the SID directory here")
  Path sids;

  @Option(names = "--sample", paramLabel = "N", description = "items the codebooks are fitted on (default: ${DEFAULT-VALUE})")
  int sample = SidAssign.DEFAULT_SAMPLE;

  @Option(names = "--threads-per-task", paramLabel = "N", description = "encoder threads per task (default: ${DEFAULT-VALUE})")
  int threadsPerTask = 1;

  @Override
  public Integer call() {
    if (options.encoder() != null && !options.encoder().equals("text")) {
      throw new IllegalArgumentException("spark embed runs the text encoder; --encoder " + options.encoder()
          + " is computed by `sid embed`");
    }
    if (options.cache() != null) System.err.println("note: spark embed does not use the embedding cache (--cache ignored)");
    PreparedDataset ds = PreparedDataset.open(options.data());
    SparkSession s = spark.session("r2led spark embed");
    try (SparkProgress p = SparkProgress.attach(s, System.err)) {
      SparkEmbed.Result r = SparkEmbed.run(s, ds, options.out(), spark.partitions(s), threadsPerTask, System.err);
      System.out.println("wrote " + r.items() + " × " + r.dim() + " vectors (" + r.source() + ") to " + options.out());
      if (sids != null) {
        SidAssign.run(ds, r, SidBuildConfig.defaults().with(SidBuildConfig.SEED, options.seed(), "--seed"), sample, sids, System.err);
        System.out.println("wrote SIDs to " + sids.toAbsolutePath());
      }
      r.vectors().unpersist(false);
      return 0;
    } finally {
      s.stop();
    }
  }
}
