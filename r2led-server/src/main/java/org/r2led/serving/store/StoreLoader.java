package org.r2led.serving.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.r2led.data.DatasetLayout;
import org.r2led.data.PreparedDataset;

/**
 * Fills an event store from a prepared dataset: every user's lifelong sequence with the dataset's raw
 * ids (users, items, category names) and behavior names, so the served histories match what the model
 * was trained on. Appends are unsynced batches followed by one flush and WAL sync.
 */
public final class StoreLoader {
  private StoreLoader() {}

  /** Events per write batch. */
  private static final int BATCH = 10_000;

  /** What was loaded. */
  public record Loaded(int users, long events) {}

  public static Loaded load(PreparedDataset data, EventStore store) {
    List<String> users = userRawIds(data);
    List<String> items = data.itemRawIds();
    List<String> categories = data.categoryRawIds();
    List<String> behaviors = data.manifest().behaviors();
    long events = 0;
    List<Event> batch = new ArrayList<>(BATCH);
    for (int u = 0; u < data.numUsers(); u++) {
      long start = data.seqStart(u);
      int n = data.seqLength(u);
      for (int i = 0; i < n; i++) {
        long e = start + i;
        int b = data.eventBehavior(e);
        int c = data.eventCategory(e);
        batch.add(new Event(users.get(u), items.get(data.eventItem(e)), data.eventTs(e),
            b >= 1 && b <= behaviors.size() ? behaviors.get(b - 1) : null, c > 0 ? categories.get(c) : null));
        if (batch.size() == BATCH) {
          store.append(batch, false);
          events += batch.size();
          batch.clear();
        }
      }
    }
    if (!batch.isEmpty()) store.append(batch, false);
    events += batch.size();
    store.flush();
    return new Loaded(data.numUsers(), events);
  }

  /** Raw user ids of {@code data} in dense order, checked against its user count. */
  static List<String> userRawIds(PreparedDataset data) {
    try {
      List<String> ids = Files.readAllLines(data.dir().resolve(DatasetLayout.USER_RAW_IDS), StandardCharsets.UTF_8);
      if (ids.size() != data.numUsers()) {
        throw new IllegalStateException(DatasetLayout.USER_RAW_IDS + " has " + ids.size() + " lines; the dataset has "
            + data.numUsers() + " users");
      }
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + data.dir().resolve(DatasetLayout.USER_RAW_IDS), e);
    }
  }
}
