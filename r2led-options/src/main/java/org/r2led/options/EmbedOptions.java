package org.r2led.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of {@code sid embed} (a picocli mixin), shared with {@code spark embed}. */
public final class EmbedOptions {
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

  public Path data() { return data; }

  public Path out() { return out; }

  /** The encoder option, or null for the automatic choice. */
  public String encoder() { return encoder; }

  /** The cache directory, or null for the default. */
  public Path cache() { return cache; }

  public long seed() { return seed; }
}
