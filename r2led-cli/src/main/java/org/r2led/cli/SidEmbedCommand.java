package org.r2led.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.r2led.data.PreparedDataset;
import org.r2led.sid.SidBuildConfig;
import org.r2led.sid.SidBuilder;
import org.r2led.sid.embed.FileEmbedder;
import org.r2led.sid.embed.ItemEmbeddings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led sid embed}: writes item content vectors as a vector file (usable as {@code --encoder file:PATH}). */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = "Compute item content vectors and write them as text (one line per item: raw id, then floats); "
        + "the file can be fed back with `sid build --encoder file:PATH`.")
public final class SidEmbedCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "prepared dataset directory")
  Path data;

  @Option(names = "--out", required = true, description = "vector file to write")
  Path out;

  @Option(names = "--encoder", description = "text | cooccurrence | file:PATH (default: text when every item has text, "
      + "else cooccurrence)")
  String encoder;

  @Option(names = "--cache", description = "text-embedding cache directory (default: embedding-cache next to --out)")
  Path cache;

  @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() {
    PreparedDataset ds = PreparedDataset.open(data);
    Path base = out.toAbsolutePath().getParent();
    SidBuildConfig cfg = SidBuildConfig.defaults().withEncoder(encoder).withSeed(seed)
        .withCacheDir(cache != null ? cache : base.resolve("embedding-cache"));
    ItemEmbeddings emb = SidBuilder.embedder(ds, cfg, base).embed(ds);
    FileEmbedder.write(out, ds.itemRawIds(), emb);
    System.out.println("wrote " + emb.numItems() + " × " + emb.dim() + " vectors (" + emb.source() + ") to " + out);
    return 0;
  }
}
