package org.r2led.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.r2led.data.PreparedDataset;
import org.r2led.sid.SidBuildConfig;
import org.r2led.sid.SidBuilder;
import org.r2led.sid.embed.FileEmbedder;
import org.r2led.sid.embed.ItemEmbeddings;
import org.r2led.options.EmbedOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code r2led sid embed}: writes item content vectors as a vector file (usable as {@code --encoder file:PATH}). */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = "Compute item content vectors and write them as text (one line per item: raw id, then floats); "
        + "the file can be fed back with `sid build --encoder file:PATH`.")
public final class SidEmbedCommand implements Callable<Integer> {
  @Mixin
  EmbedOptions options;

  @Override
  public Integer call() {
    PreparedDataset ds = PreparedDataset.open(options.data());
    Path out = options.out();
    FileEmbedder.outputFile(out).checked(); // refuse a file of the user's before embedding, not after
    Path base = out.toAbsolutePath().getParent();
    SidBuildConfig cfg = SidBuildConfig.defaults().with(SidBuildConfig.SEED, options.seed(), "--seed")
        .with(SidBuildConfig.CACHE_DIR, (options.cache() != null ? options.cache() : base.resolve("embedding-cache")).toString(), "--cache");
    if (options.encoder() != null) cfg = cfg.with(SidBuildConfig.ENCODER, options.encoder(), "--encoder " + options.encoder());
    ItemEmbeddings emb = SidBuilder.embedder(ds, cfg, base).embed(ds);
    FileEmbedder.write(out, ds.itemRawIds(), emb);
    System.out.println("wrote " + emb.numItems() + " × " + emb.dim() + " vectors (" + emb.source() + ") to " + out);
    return 0;
  }
}
