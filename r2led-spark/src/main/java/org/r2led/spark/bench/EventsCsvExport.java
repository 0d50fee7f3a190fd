package org.r2led.spark.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.r2led.data.PreparedDataset;
import org.r2led.io.ToolFile;

/**
 * Writes the event sequences of a prepared dataset (e.g. {@code data synth} output) back as a raw
 * generic events file ({@code user,item,category,behavior,timestamp}, source ids), the input of
 * scale measurements; optionally with one extra user holding {@code heavyEvents} events (skew).
 */
public final class EventsCsvExport {
  private EventsCsvExport() {}

  /** The header row of the written file. */
  public static final String HEADER = "user,item,category,behavior,timestamp";

  /**
   * Writes the file; returns the number of events written.
   *
   * @param heavyEvents events of an extra user (id: the largest integer user id + 1, or {@code heavy}),
   *     cycling through the dataset's events one second apart; 0 for none
   */
  public static long write(PreparedDataset ds, Path out, long heavyEvents) {
    List<String> users = ds.itemRawIds().isEmpty() ? List.of() : userIds(ds);
    List<String> items = ds.itemRawIds();
    List<String> cats = ds.categoryRawIds();
    List<String> behaviors = ds.manifest().behaviors();
    long[] written = {0};
    // replaces only a file that begins with the header row (one this command wrote)
    ToolFile.csv(out, HEADER).write(os -> {
      BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 20);
      w.write(HEADER);
      w.write('\n');
      long minTs = Long.MAX_VALUE;
      for (int u = 0; u < ds.numUsers(); u++) {
        long s = ds.seqStart(u);
        for (int k = 0; k < ds.seqLength(u); k++) {
          long e = s + k;
          minTs = Math.min(minTs, ds.eventTs(e));
          line(w, users.get(u), items.get(ds.eventItem(e)), cats.get(ds.eventCategory(e)),
              behaviors.get(ds.eventBehavior(e) - 1), ds.eventTs(e));
          written[0]++;
        }
      }
      String heavy = heavyUserId(users);
      long n = ds.numEvents();
      for (long i = 0; i < heavyEvents; i++) {
        long e = i % n;
        line(w, heavy, items.get(ds.eventItem(e)), cats.get(ds.eventCategory(e)), behaviors.get(ds.eventBehavior(e) - 1),
            minTs + i);
        written[0]++;
      }
      w.flush();
    });
    return written[0];
  }

  private static List<String> userIds(PreparedDataset ds) {
    try {
      return java.nio.file.Files.readAllLines(ds.dir().resolve(org.r2led.data.DatasetLayout.USER_RAW_IDS));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String heavyUserId(List<String> users) {
    long max = -1;
    for (String u : users) {
      try {
        max = Math.max(max, Long.parseLong(u));
      } catch (NumberFormatException e) {
        return "heavy";
      }
    }
    return Long.toString(max + 1);
  }

  private static void line(BufferedWriter w, String user, String item, String cat, String behavior, long ts) throws IOException {
    w.write(user);
    w.write(',');
    w.write(item);
    w.write(',');
    w.write(cat);
    w.write(',');
    w.write(behavior);
    w.write(',');
    w.write(Long.toString(ts));
    w.write('\n');
  }
}
