package org.r2led.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.r2led.data.PreparedDataset;
import org.r2led.sid.NewItemVectors;
import org.r2led.sid.SidExtendReport;
import org.r2led.sid.SidExtender;
import org.r2led.sid.SidTable;
import org.r2led.sid.embed.BgeSmallEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led sid extend}: SIDs for a grown catalog with the saved codebooks; known items keep their codes. */
@Command(name = "extend", mixinStandardHelpOptions = true,
    description = "Semantic IDs for a dataset whose catalog grew, without re-quantizing it: items of --sids keep their "
        + "codes, new items are coded from their text (or vectors) with the saved codebooks; items without either share "
        + "their category's most common code. Writes the SID directory and extend.json / extend.md.")
public final class SidExtendCommand implements Callable<Integer> {
  @Option(names = "--sids", required = true, description = "the SID directory to extend (of sid build or sid extend)")
  Path sids;

  @Option(names = "--from-data", description = "the dataset (or exported model) those SIDs were built for, to match items by "
      + "raw id; not needed when --sids was written by sid extend")
  Path fromData;

  @Option(names = "--data", required = true, description = "the new prepared dataset")
  Path data;

  @Option(names = "--out", required = true, description = "output SID directory (may be --sids itself)")
  Path out;

  @Option(names = "--encoder", description = "vectors of new items: text | file:PATH (default: the build's encoder; "
      + "co-occurrence SIDs give every new item the fallback)")
  String encoder;

  @Option(names = "--cache", description = "text-embedding cache directory (default: OUT/embedding-cache, seeded from --sids)")
  Path cache;

  @Option(names = "--threads", description = "text-encoder threads, 0 = all processors (default: 0)")
  int threads;

  @Override
  public Integer call() {
    PreparedDataset ds = PreparedDataset.open(data);
    SidTable old = SidTable.load(sids);
    try (BgeSmallEncoder text = threads > 0 ? new BgeSmallEncoder(threads) : new BgeSmallEncoder()) { // loads on first use
      SidExtender.extend(sids, SidExtender.rawIds(sids, fromData), ds, vectors(old.meta().encoder(), text), out);
    }
    System.out.print(SidExtendReport.read(out).toMarkdown());
    return 0;
  }

  /** The vector source of new items: --encoder, else the one the build used. */
  private NewItemVectors vectors(String built, BgeSmallEncoder text) {
    String enc = encoder != null ? encoder : built.startsWith("text:") ? "text" : built;
    if (enc.startsWith("file:") && enc.length() > 5) {
      Path f = Path.of(enc.substring(5));
      if (encoder == null && !Files.isRegularFile(f)) {
        throw new IllegalArgumentException("the SIDs were built from the vector file " + f + ", which is gone; pass --encoder"
            + " file:PATH with vectors of the new items");
      }
      return NewItemVectors.file(f);
    }
    if (enc.equals("text")) return NewItemVectors.text(text, cache);
    if (encoder == null && enc.equals("cooccurrence")) return NewItemVectors.none(enc);
    throw new IllegalArgumentException("--encoder " + enc + ": expected text or file:PATH");
  }
}
