package org.r2led.recall;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.data.synth.SynthConfig;
import org.r2led.data.synth.SyntheticGenerator;
import org.r2led.io.Progress;
import org.r2led.nextitem.NextItemProtocol;
import org.r2led.nextitem.UserSequence;
import org.r2led.recall.ann.Hits;

class CandidateExportTest {
  @TempDir Path tmp;

  private RecallRun.Loaded run(Path runDir) {
    Path ds = tmp.resolve("ds");
    SyntheticGenerator.generate(SynthConfig.quickstart().with(Map.of("users", "40", "items", "300", "max_len", "60")), ds, null);
    RecallRun.train(ds, "item_cooc", Map.of(), runDir, false);
    return RecallRun.load(runDir);
  }

  @Test
  void samplesAreTheRetrieversCandidatesLabelledByTheNextPositive() {
    Path runDir = tmp.resolve("run");
    RecallRun.Loaded l = run(runDir);
    CandidateExport.Settings s = new CandidateExport.Settings(20, 3, 2, 5, 7, false);
    CandidateExport.Summary sum = CandidateExport.write(l, runDir, tmp.resolve("cand"), s, Progress.silent());
    PreparedDataset src = l.dataset();
    PreparedDataset out = PreparedDataset.open(tmp.resolve("cand"));
    assertEquals(src.numUsers(), out.numUsers());
    assertEquals(src.numItems(), out.numItems());
    assertEquals(src.numEvents(), out.numEvents());
    assertEquals(src.itemRawIds(), out.itemRawIds());
    for (long e = 0; e < src.numEvents(); e++) {
      assertEquals(src.eventItem(e), out.eventItem(e));
      assertEquals(src.eventTs(e), out.eventTs(e));
    }

    // valid/test: every candidate of each held-out target, in the retriever's order, labelled by the target
    for (Split sp : new Split[] {Split.VALID, Split.TEST}) {
      SampleSplit smp = out.split(sp);
      int i = 0;
      long found = 0;
      long targets = 0;
      for (UserSequence seq : l.data().sequences()) {
        if (!seq.hasHeldOut()) continue;
        int p = sp == Split.VALID ? seq.length() - 2 : seq.length() - 1;
        int[] offsets = NextItemProtocol.positiveEventOffsets(src, seq.user());
        Hits h = l.retriever().retrieve(seq.itemsBefore(p, Integer.MAX_VALUE), seq.categoriesBefore(p, Integer.MAX_VALUE), 20);
        assertEquals(20, h.size());
        targets++;
        for (int k = 0; k < h.size(); k++, i++) {
          assertEquals(seq.user(), smp.user(i));
          assertEquals(offsets[p], smp.pos(i));
          assertEquals(h.ids()[k], smp.item(i));
          assertEquals(h.ids()[k] == seq.item(p) ? 1 : 0, smp.label(i));
          if (smp.label(i) == 1) found++;
        }
      }
      assertEquals(i, smp.size());
      assertEquals(targets, sum.splits().get(sp.id()).targets());
      double hr = RecallEvaluation.of(l.retriever(), l.data().examples(sp), Progress.silent(), 20).report().hr(20);
      assertEquals(hr, (double) found / targets, 1e-12);
      assertEquals(hr, sum.splits().get(sp.id()).targetInCandidates(), 1e-12);
    }

    // train: per target the positive first, then distinct negatives from its candidates; positions before the
    // last `skipRecent` training targets, at most `trainTargets` per user
    SampleSplit tr = out.split(Split.TRAIN);
    int i = 0;
    long groups = 0;
    for (UserSequence seq : l.data().sequences()) {
      int end = Math.max(1, seq.trainLength() - 2);
      int[] offsets = NextItemProtocol.positiveEventOffsets(src, seq.user());
      for (int p = Math.max(1, end - 3); p < end; p++) {
        groups++;
        Hits h = l.retriever().retrieve(seq.itemsBefore(p, Integer.MAX_VALUE), seq.categoriesBefore(p, Integer.MAX_VALUE), 20);
        Set<Integer> cands = new HashSet<>();
        for (int id : h.ids()) cands.add(id);
        assertEquals(offsets[p], tr.pos(i));
        assertEquals(seq.item(p), tr.item(i));
        assertEquals(1, tr.label(i++));
        Set<Integer> negs = new HashSet<>();
        int expected = Math.min(5, h.size() - (cands.contains(seq.item(p)) ? 1 : 0));
        for (int k = 0; k < expected; k++, i++) {
          assertEquals(0, tr.label(i));
          assertEquals(offsets[p], tr.pos(i));
          assertTrue(cands.contains(tr.item(i)), "a negative comes from the candidate list");
          assertNotEquals(seq.item(p), tr.item(i));
          assertTrue(negs.add(tr.item(i)), "negatives are distinct");
        }
      }
    }
    assertEquals(i, tr.size());
    assertEquals(groups, sum.splits().get("train").targets());
    assertEquals("item_cooc", out.manifest().protocol().get("candidates.model"));
    assertEquals(src.manifest().protocol().get("protocol"), out.manifest().protocol().get("protocol"));
  }

  @Test
  void excludedSeenItemsNeverAppearAndTheSeedFixesTheNegatives() {
    Path runDir = tmp.resolve("run");
    RecallRun.Loaded l = run(runDir);
    CandidateExport.write(l, runDir, tmp.resolve("a"), new CandidateExport.Settings(15, 4, 0, 4, 3, true), Progress.silent());
    CandidateExport.write(l, runDir, tmp.resolve("b"), new CandidateExport.Settings(15, 4, 0, 4, 3, true), Progress.silent());
    CandidateExport.write(l, runDir, tmp.resolve("c"), new CandidateExport.Settings(15, 4, 0, 4, 4, true), Progress.silent());
    PreparedDataset a = PreparedDataset.open(tmp.resolve("a"));
    for (Split sp : Split.values()) {
      SampleSplit smp = a.split(sp);
      for (int i = 0; i < smp.size(); i++) {
        if (sp == Split.TRAIN && smp.label(i) == 1) continue;   // the training target is added even when seen
        long start = a.seqStart(smp.user(i));
        for (int e = 0; e < smp.pos(i); e++) assertNotEquals(a.eventItem(start + e), smp.item(i), "seen item among the candidates");
      }
    }
    int[] itemsA = items(a.split(Split.TRAIN));
    assertArrayEquals(itemsA, items(PreparedDataset.open(tmp.resolve("b")).split(Split.TRAIN)));
    assertFalse(java.util.Arrays.equals(itemsA, items(PreparedDataset.open(tmp.resolve("c")).split(Split.TRAIN))));
  }

  private static int[] items(SampleSplit s) {
    int[] out = new int[s.size()];
    for (int i = 0; i < out.length; i++) out[i] = s.item(i);
    return out;
  }

  @Test
  void rejectsAsManyNegativesAsCandidates() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CandidateExport.Settings(10, 5, 0, 10, 1, false));
    assertEquals("negatives = 10 with candidates = 10; expected fewer negatives than candidates", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new CandidateExport.Settings(0, 5, 0, 1, 1, false));
    assertEquals("candidates = 0; expected an integer >= 1", e.getMessage());
  }
}
