package org.r2led.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.nn.TimeGap;
import org.r2led.retrieval.RouteSelection;
import org.r2led.sid.SidTable;
import org.r2led.train.TinyTask;
import org.r2led.train.TrainKeys;

/** Batches point into the stored sequences: tokens equal the events they stand for. */
class BatchBuildingTest {
  @TempDir Path tmp;

  @Test
  void dinTokensAreTheLastEventsBeforeTheTarget() {
    PreparedDataset ds = TinyTask.write(tmp.resolve("d"), 12, 40, 3);
    CtrModel m = TrainKeys.resolve("din", List.of("short_seq_len=15", "time_gap_buckets=40")).create(ds, null);
    SampleSplit split = ds.split(Split.TRAIN);
    int[] order = new int[split.size()];
    for (int i = 0; i < order.length; i++) order[i] = order.length - 1 - i;
    TokenBatch b = m.prepare(new SplitSamples(split, order, 3, 20));
    for (int j = 0; j < b.size(); j++) {
      int i = order[3 + j];
      assertEquals(i, b.samples[j]);
      assertEquals(split.item(i), b.items.id(b.targetItem[j]));
      assertEquals(split.label(i), (int) b.labels[j]);
      int pos = split.pos(i);
      int len = Math.min(pos, 15);
      long start = split.historyStart(i) + pos - len;
      for (int q = 0; q < b.capacity; q++) {
        int o = b.token(0, j, q);
        if (q < len) {
          assertEquals(ds.eventItem(start + q), b.items.id(b.tokItem[o]));
          assertEquals(ds.eventCategory(start + q), b.cats.id(b.tokCat[o]));
          assertEquals(ds.eventBehavior(start + q), b.tokBeh[o]);
          assertEquals(TimeGap.bucket(split.ts(i) - ds.eventTs(start + q), 40), b.tokGap[o]);
          assertEquals(1f, b.tokMask[o]);
        } else {
          assertEquals(0, b.items.id(b.tokItem[o]));
          assertEquals(0f, b.tokMask[o]);
        }
      }
    }
  }

  @Test
  void r2ledTokensAreTheRetrievedEventsAndCodesMatchTheSidTable() {
    PreparedDataset ds = TinyTask.write(tmp.resolve("d"), 12, 60, 4);
    SidTable sids = TinyTask.sids(ds, tmp.resolve("s"));
    R2ledModel m = (R2ledModel) TrainKeys.resolve("r2led", List.of("short_seq_len=6", "topk=5", "max_seq_len=30",
        "hash_bits=16", "embedding_init_std=0.1")).create(ds, sids);
    SampleSplit split = ds.split(Split.TRAIN);
    int[] order = new int[split.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    TokenBatch b = m.prepare(new SplitSamples(split, order, 0, 10));
    int routes = m.routes();
    assertEquals(2 + 2, routes); // 2 semantic levels + collaborative + short
    var retriever = new org.r2led.retrieval.MultiRouteRetriever(
        new org.r2led.retrieval.RetrievalConfig(5, 6, true, true, false, true, true, true), 2);
    RouteSelection sel = retriever.newSelection();
    for (int j = 0; j < 10; j++) {
      int i = order[j];
      int pos = split.pos(i);
      int len = Math.min(pos, 30);
      long start = split.historyStart(i) + pos - len;
      int[] hist = new int[len];
      ds.copyItems(start, len, hist, 0);
      retriever.retrieve(hist, len, split.item(i), m.itemKeys(), sel);
      for (int r = 0; r < routes; r++) {
        assertEquals(sel.counts[r] > 0 ? 1f : 0f, b.groupMask[j * routes + r]);
        for (int q = 0; q < b.capacity; q++) {
          int o = b.token(r, j, q);
          if (q < sel.counts[r]) {
            assertEquals(hist[sel.positions[r][q]], b.items.id(b.tokItem[o]));
            assertEquals(sel.mixed[r][q], b.tokFlag[o]);
            assertEquals(1f, b.tokMask[o]);
          } else {
            assertEquals(0f, b.tokMask[o]);
          }
        }
      }
    }
    for (int u = 0; u < b.items.size(); u++) {
      for (int l = 0; l < 2; l++) assertEquals(sids.code(b.items.id(u), l), b.codes[l][u]);
    }
  }

  @Test
  void r2ledBatchOverOneSharedHistoryEqualsOneBatchPerTarget() {
    PreparedDataset ds = TinyTask.write(tmp.resolve("d"), 12, 60, 4);
    SidTable sids = TinyTask.sids(ds, tmp.resolve("s"));
    R2ledModel m = (R2ledModel) TrainKeys.resolve("r2led", List.of("short_seq_len=6", "topk=5", "max_seq_len=30",
        "hash_bits=16", "embedding_init_std=0.1")).create(ds, sids);
    SampleSplit split = ds.split(Split.TEST);
    int longest = 0;
    for (int i = 1; i < split.size(); i++) if (split.pos(i) > split.pos(longest)) longest = i;
    History h = new History();
    SplitSamples.range(split, longest, longest + 1).history(0, Integer.MAX_VALUE, h);
    int n = 12;
    int[] targets = new int[n];
    int[] cats = new int[n];
    for (int t = 0; t < n; t++) {
      targets[t] = t < 3 ? h.items()[h.length() - 1 - t] : 1 + (t * 7) % ds.numItems();  // some targets in the history
      cats[t] = ds.itemCategory(targets[t]);
    }
    HistorySamples.Query q = HistorySamples.Query.of(h, targets, cats, split.ts(longest));
    TokenBatch shared = m.prepare(HistorySamples.of(q));
    int g = m.routes();
    int k = shared.capacity;
    assertTrue(shared.uniform(g - 1), "the short route is the same for every candidate");
    for (int t = 0; t < n; t++) {
      HistorySamples.Query one = new HistorySamples.Query(-1, q.items(), q.categories(), q.behaviors(), q.timestamps(),
          new int[] {targets[t]}, new int[] {cats[t]}, q.ts());
      TokenBatch alone = m.prepare(HistorySamples.of(one));
      for (int r = 0; r < g; r++) {
        assertEquals(alone.groupCount[r], shared.groupCount[t * g + r], "target " + t + " route " + r);
        for (int x = 0; x < k; x++) {
          int a = alone.token(r, 0, x);
          int o = shared.token(r, t, x);
          String at = "target " + t + " route " + r + " token " + x;
          assertEquals(alone.items.id(alone.tokItem[a]), shared.items.id(shared.tokItem[o]), at);
          assertEquals(alone.cats.id(alone.tokCat[a]), shared.cats.id(shared.tokCat[o]), at);
          assertEquals(alone.tokBeh[a], shared.tokBeh[o], at);
          assertEquals(alone.tokGap[a], shared.tokGap[o], at);
          assertEquals(alone.tokFlag[a], shared.tokFlag[o], at);
          assertEquals(alone.tokMask[a], shared.tokMask[o], at);
        }
      }
      int f = shared.numFeatures;
      assertTrue(f > 0);
      assertArrayEquals(alone.features, java.util.Arrays.copyOfRange(shared.features, t * f, (t + 1) * f), "target " + t);
    }
  }
}
