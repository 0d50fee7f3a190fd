package org.r2led.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.r2led.data.PreparedDataset;
import org.r2led.serving.store.EventStore;
import org.r2led.serving.store.StoreLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led store load}: a prepared dataset's histories → the event store. */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Fill an event store from a prepared dataset: every user's sequence with the dataset's raw user, item "
        + "and category ids and behavior names. Refuses a store that already holds events unless --append.")
public final class StoreLoadCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "prepared dataset directory")
  Path data;

  @Option(names = "--store", required = true, description = "event store directory (created when missing)")
  Path store;

  @Option(names = "--history-cap", defaultValue = "10000", description = "most events kept per user, oldest dropped (default: ${DEFAULT-VALUE})")
  int cap;

  @Option(names = "--append", description = "add to a store that already holds events (events loaded twice are kept twice)")
  boolean append;

  @Override
  public Integer call() {
    PreparedDataset ds = PreparedDataset.open(data);
    long t0 = System.nanoTime();
    try (EventStore s = EventStore.open(store, cap)) {
      if (!append && !s.isEmpty()) {
        throw new IllegalArgumentException("event store " + store + " already holds events; pass --append to add to it");
      }
      StoreLoader.Loaded l = StoreLoader.load(ds, s);
      double sec = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "loaded %,d events of %,d users in %.1f s (%,.0f events/s; cap %,d per user)%n",
          l.events(), l.users(), sec, l.events() / Math.max(sec, 1e-9), cap);
      System.out.println("event store: " + store.toAbsolutePath().normalize());
    }
    return 0;
  }
}
