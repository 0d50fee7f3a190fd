package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.serving.ModelManifest;
import org.r2led.serving.store.EventStore;
import org.r2led.serving.store.Impression;
import org.r2led.serving.store.StoreLoader;

/**
 * {@code r2led store samples} on a store holding the fixture's histories and impressions (some of new items),
 * read while a writer holds the store: the model's ids come first, no history reaches the impression time,
 * labels are the clicks, and {@code train} runs on the output.
 */
class StoreSamplesCommandTest {
  @TempDir Path tmp;

  @Test
  void samplesFromTheStoreTrainAndLeakNothing() throws Exception {
    PreparedDataset fixture = PreparedDataset.open(ServeFixture.data());
    List<String> users = Files.readAllLines(fixture.dir().resolve("users/raw_id.txt"));
    List<String> items = fixture.itemRawIds();
    Path storeDir = tmp.resolve("store");
    Path out = tmp.resolve("samples");
    Random rnd = new Random(5);
    int clicks = 0;
    try (EventStore store = EventStore.open(storeDir, 10_000)) {
      StoreLoader.load(fixture, store);
      List<Impression> imps = new ArrayList<>();
      for (int u = 0; u < fixture.numUsers(); u++) {
        int n = fixture.seqLength(u);
        for (int k = 1; k <= 3 && n >= 4; k++) {
          long e = fixture.seqStart(u) + (long) n * k / 4;     // at an event's own time: that event is not history
          String shown = items.get(fixture.eventItem(e));
          String other = items.get(1 + rnd.nextInt(fixture.numItems()));
          List<String> list = shown.equals(other) ? List.of(shown, "new-" + u) : List.of(shown, other, "new-" + u);
          List<Integer> labels = new ArrayList<>();
          for (String i : list) labels.add(i.equals(shown) ? 1 : 0);
          clicks++;
          imps.add(new Impression(users.get(u), fixture.eventTs(e), list, labels, null, null));
        }
      }
      store.appendImpressions(imps);
      CliRun r = CliRun.of("store", "samples", "--store", storeDir.toString(), "--model", ServeFixture.model().toString(),
          "--valid-share", "0.2", "--test-share", "0.2", "--out", out.toString());
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("labeled impressions"), r.out());
    }
    PreparedDataset ds = PreparedDataset.open(out);
    List<String> modelItems = Files.readAllLines(ServeFixture.model().resolve(ModelManifest.ITEM_RAW_IDS));
    assertEquals(modelItems, ds.itemRawIds().subList(1, modelItems.size() + 1), "the model's item ids keep their dense ids");
    assertTrue(ds.itemRawIds().subList(modelItems.size() + 1, ds.numItems() + 1).stream().allMatch(i -> i.startsWith("new-")));
    long positives = 0;
    for (Split sp : Split.values()) {
      SampleSplit s = ds.split(sp);
      assertTrue(s.size() > 0, sp + " is empty");
      for (int i = 0; i < s.size(); i++) {
        long start = ds.seqStart(s.user(i));
        if (s.pos(i) > 0) assertTrue(ds.eventTs(start + s.pos(i) - 1) < s.ts(i), "history reaches the impression time");
        if (s.pos(i) < ds.seqLength(s.user(i))) assertTrue(ds.eventTs(start + s.pos(i)) >= s.ts(i), "history cut short");
        positives += s.label(i);
        if (s.label(i) == 1) assertTrue(!ds.itemRawIds().get(s.item(i)).startsWith("new-"));
      }
    }
    assertEquals(clicks, positives, "one positive per click");
    CliRun t = CliRun.of("train", "--data", out.toString(), "--model", "din", "--out", tmp.resolve("run").toString(), "--no-progress",
        "--set", "epochs=1", "--set", "embedding_dim=8", "--set", "dnn_hidden_units=[8]");
    assertEquals(0, t.code(), t.err());
    assertTrue(Files.exists(tmp.resolve("run").resolve("metrics.json")));
  }
}
