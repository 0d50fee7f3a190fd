package org.r2led.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.r2led.serving.store.Event;
import org.r2led.serving.store.EventStore;
import org.r2led.serving.store.IdBase;
import org.r2led.serving.store.StoreSamples;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led store samples}: the store's labeled impressions in a time range → a prepared dataset for {@code train}. */
@Command(name = "samples", mixinStandardHelpOptions = true,
    description = "Write the labeled impressions of an event store in [--from, --to) as a prepared dataset for `r2led train`: "
        + "one sample per shown item (label 1 = clicked) whose history is the user's events strictly before the impression. "
        + "Ids follow --model's or --data-like's where given; new ones are appended after them. The latest impressions "
        + "by time go to valid and test (docs/serving.md). Reads the store also while `r2led serve` has it open.")
public final class StoreSamplesCommand implements Callable<Integer> {
  @Option(names = "--store", required = true, description = "event store directory")
  Path store;

  @Option(names = "--from", defaultValue = "1", description = "first impression time, Unix seconds, inclusive (default: all)")
  long from;

  @Option(names = "--to", description = "end of the range, Unix seconds, exclusive (default: all)")
  Long to;

  @ArgGroup(exclusive = true)
  Base base;

  /** Where the ids come from. */
  static final class Base {
    @Option(names = "--model", description = "exported model directory: its ids and history window (a warm start grows its tables)")
    Path model;

    @Option(names = "--data-like", description = "prepared dataset directory: its item, category, behavior and user ids")
    Path dataLike;
  }

  @Option(names = "--valid-share", defaultValue = "0.1", description = "share of the labeled impressions, the latest before "
      + "the test ones, in valid (default: ${DEFAULT-VALUE})")
  double validShare;

  @Option(names = "--test-share", defaultValue = "0.1", description = "share of the latest labeled impressions in test "
      + "(default: ${DEFAULT-VALUE})")
  double testShare;

  @Option(names = "--out", required = true, description = "dataset directory to write (replaced only if it holds a dataset)")
  Path out;

  @Override
  public Integer call() {
    StoreSamples.Settings settings = new StoreSamples.Settings(from, to == null ? Event.MAX_TS : to, validShare, testShare);
    IdBase ids = base == null ? IdBase.none() : base.model != null ? IdBase.ofModel(base.model) : IdBase.ofDataset(base.dataLike);
    StoreSamples.Summary s;
    try (EventStore st = EventStore.openForReading(store)) {
      s = StoreSamples.write(st, ids, settings, out);
    }
    System.out.printf(Locale.ROOT, "%,d labeled impressions in [%d, %d) (%,d unlabeled left out) -> %s%n", s.impressions(),
        settings.from(), settings.to(), s.unlabeled(), out);
    s.samples().forEach((split, n) -> System.out.printf(Locale.ROOT, "  %-5s samples %,d%n", split, n));
    System.out.printf(Locale.ROOT, "valid from %d, test from %d; %,d history events; new ids: %,d items, %,d categories, %,d users%n",
        s.validFrom(), s.testFrom(), s.events(), s.newItems(), s.newCategories(), s.newUsers());
    return 0;
  }
}
