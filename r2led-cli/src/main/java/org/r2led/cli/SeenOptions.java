package org.r2led.cli;

import picocli.CommandLine.Option;

/**
 * Whether two-stage recommendations keep the items a user already has (shared by {@code recommend} and
 * {@code retrieve evaluate --ranker}); neither flag: the dataset's default ({@code TwoStage#excludeSeen}).
 */
public final class SeenOptions {
  @Option(names = "--keep-seen", description = "keep items the user already has among the candidates (default on "
      + "click data; rating data excludes them)")
  boolean keep;

  @Option(names = "--exclude-seen", description = "exclude items the user already has from the candidates (default on "
      + "rating data)")
  boolean exclude;

  /** {@code true} for {@code --keep-seen}, {@code false} for {@code --exclude-seen}, null for the dataset's default. */
  Boolean keepSeen() {
    if (keep && exclude) throw new IllegalArgumentException("--keep-seen and --exclude-seen exclude each other; give one");
    return keep ? Boolean.TRUE : exclude ? Boolean.FALSE : null;
  }
}
