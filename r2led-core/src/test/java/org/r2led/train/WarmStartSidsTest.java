package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.model.CtrModel;
import org.r2led.model.ModelRegistry;
import org.r2led.sid.SidTable;

/** Warm start of R2LED (SIDs, per-item signature buffer) from a run directory onto a grown catalog. */
class WarmStartSidsTest {
  @TempDir Path tmp;

  private static final List<String> SETTINGS = List.of("embedding_dim=8", "short_seq_len=8", "topk=6", "batch_size=64",
      "epochs=1", "learning_rate=0.01", "embedding_init_std=0.01", "dnn_hidden_units=[16]", "attention_dim=8", "hash_bits=16");

  @Test
  void knownItemsKeepRowsAndSignaturesAndChangedCodesAreRefused() {
    Path data1 = tmp.resolve("data1");
    PreparedDataset ds1 = TinyTask.writeCatalog(data1, 60, 40, 3, 10);
    Path sids1 = tmp.resolve("sids1");
    TinyTask.catalogSids(ds1, sids1, 10);
    Path init = tmp.resolve("runs/init");
    Trainer.train(new TrainRequest(data1, sids1, "r2led", null, SETTINGS, init, false, null, false));

    Path data2 = tmp.resolve("data2");
    PreparedDataset ds2 = TinyTask.writeCatalog(data2, 60, 40, 4, 12);
    Path sids2 = tmp.resolve("sids2");
    SidTable t2 = TinyTask.catalogSids(ds2, sids2, 12);
    TrainRequest req = new TrainRequest(data2, sids2, null, null, List.of(), tmp.resolve("runs/warm"), false, null, false)
        .withInitFrom(init);
    WarmStart warm = WarmStart.open(init, ModelRegistry.builtIn());
    TrainKeys.Resolved resolved = warm.resolve(req);
    CtrModel model = resolved.create(ds2, t2);
    warm.apply(model, ds2, t2);
    CtrModel before = RunInputs.open(init).loadBest();
    long[] sigNow = model.params().buffers().get("item_signatures");
    long[] sigInit = before.params().buffers().get("item_signatures");
    float[] rowsNow = model.params().get(WarmStart.ITEM_TABLE).values();
    float[] rowsInit = before.params().get(WarmStart.ITEM_TABLE).values();
    // item i0_1_3: dense 14 in the old catalog (10 per sub-topic), 16 in the grown one (12 per sub-topic)
    assertEquals(TinyTask.catalogId(14, 10), TinyTask.catalogId(16, 12));
    assertEquals(sigInit[14], sigNow[16]);
    assertArrayEquals(java.util.Arrays.copyOfRange(rowsInit, 14 * 8, 15 * 8), java.util.Arrays.copyOfRange(rowsNow, 16 * 8, 17 * 8));

    RunResult r = Trainer.train(req);
    assertTrue(r.steps() > 0);
    Map<?, ?> recorded = (Map<?, ?>) org.r2led.io.Json.read(r.runDir().resolve(RunFiles.RUN), Map.class).get("init");
    assertEquals("run", recorded.get("kind"));

    // a SID table that moves a known item to other codes is refused, naming the item
    int[] codes = t2.codeMatrix();
    codes[16 * t2.levels() + 2] = 12;
    Path moved = tmp.resolve("sids-moved");
    new SidTable(t2.meta(), codes).save(moved);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.train(
        new TrainRequest(data2, moved, null, null, List.of(), tmp.resolve("runs/moved"), false, null, false).withInitFrom(init)));
    assertTrue(e.getMessage().contains(TinyTask.catalogId(16, 12)), e.getMessage());
  }

  @Test
  void sidsExtendedWithTheInitsCodebooksWarmStart() throws Exception {
    Path data1 = tmp.resolve("data1");
    PreparedDataset ds1 = TinyTask.writeCatalog(data1, 60, 40, 3, 10);
    Path sids1 = tmp.resolve("sids1");
    org.r2led.sid.SidExtenderTest.oldSids(ds1, TinyTask.catalogVectors(ds1, tmp.resolve("v1.txt"), i -> true), sids1);
    Path init = tmp.resolve("runs/init");
    Trainer.train(new TrainRequest(data1, sids1, "r2led", null, SETTINGS, init, false, null, false));

    Path data2 = tmp.resolve("data2");
    PreparedDataset ds2 = TinyTask.writeCatalog(data2, 60, 40, 4, 12);
    Path sids2 = tmp.resolve("sids2");
    // the new items of index 11 have no vector: they get the fallback code
    List<String> raw2 = ds2.itemRawIds();
    Path v2 = TinyTask.catalogVectors(ds2, tmp.resolve("v2.txt"), i -> !raw2.get(i).endsWith("_11"));
    org.r2led.sid.SidExtender.extend(sids1, org.r2led.sid.SidExtender.rawIds(sids1, data1), ds2,
        org.r2led.sid.NewItemVectors.file(v2), sids2);
    SidTable t2 = SidTable.load(sids2, ds2.manifest().fingerprint());

    TrainRequest req = new TrainRequest(data2, sids2, null, null, List.of(), tmp.resolve("runs/warm"), false, null, false)
        .withInitFrom(init);
    WarmStart warm = WarmStart.open(init, ModelRegistry.builtIn());
    CtrModel model = warm.resolve(req).create(ds2, t2);
    WarmStart.Summary summary = warm.apply(model, ds2, t2);
    assertEquals(ds1.numItems(), summary.knownItems());
    assertEquals(ds2.numItems() - ds1.numItems(), summary.newItems());
    CtrModel before = RunInputs.open(init).loadBest();
    float[] rowsNow = model.params().get(WarmStart.ITEM_TABLE).values();
    float[] rowsInit = before.params().get(WarmStart.ITEM_TABLE).values();
    long[] sigNow = model.params().buffers().get("item_signatures");
    long[] sigInit = before.params().buffers().get("item_signatures");
    for (int i = 1; i <= ds1.numItems(); i++) {
      int now = raw2.indexOf(ds1.itemRawIds().get(i));
      assertArrayEquals(java.util.Arrays.copyOfRange(rowsInit, i * 8, (i + 1) * 8), java.util.Arrays.copyOfRange(rowsNow, now * 8, (now + 1) * 8));
      assertEquals(sigInit[i], sigNow[now]);
    }
    for (String p : List.of("emb.sid1", "emb.sid2")) {
      assertArrayEquals(before.params().get(p).values(), model.params().get(p).values(), p + " keeps its shape and values");
    }

    RunResult r = Trainer.train(req);
    assertTrue(r.steps() > 0);
  }

  @Test
  void anExportedModelCarriesItsCodebooksSoItsSidsExtend() throws Exception {
    Path data1 = tmp.resolve("data1");
    PreparedDataset ds1 = TinyTask.writeCatalog(data1, 60, 40, 3, 10);
    Path sids1 = tmp.resolve("sids1");
    org.r2led.sid.SidExtenderTest.oldSids(ds1, TinyTask.catalogVectors(ds1, tmp.resolve("v1.txt"), i -> true), sids1);
    Path init = tmp.resolve("runs/init");
    Trainer.train(new TrainRequest(data1, sids1, "r2led", null, SETTINGS, init, false, null, false));
    Path model = tmp.resolve("model");
    ModelExporter.export(init, model);
    Path exportedSids = model.resolve(org.r2led.serving.ModelManifest.SIDS);
    List<org.r2led.sid.quant.Quantization.Codebook> built = org.r2led.sid.CodebookFiles.readAll(sids1);
    List<org.r2led.sid.quant.Quantization.Codebook> exported = org.r2led.sid.CodebookFiles.readAll(exportedSids);
    assertEquals(built.size(), exported.size());
    for (int l = 0; l < built.size(); l++) assertArrayEquals(built.get(l).vectors(), exported.get(l).vectors());
    org.r2led.serving.ScoringModel.load(model); // the codebooks are listed and checked like every exported file

    // the exported model alone (no original SID directory) is enough to code a grown catalog
    Path data2 = tmp.resolve("data2");
    PreparedDataset ds2 = TinyTask.writeCatalog(data2, 60, 40, 4, 12);
    Path v2 = TinyTask.catalogVectors(ds2, tmp.resolve("v2.txt"), i -> true);
    Path sids2 = tmp.resolve("sids2");
    org.r2led.sid.SidExtender.extend(exportedSids, org.r2led.sid.SidExtender.rawIds(exportedSids, model), ds2,
        org.r2led.sid.NewItemVectors.file(v2), sids2);
    SidTable old = SidTable.load(sids1, ds1.manifest().fingerprint());
    SidTable grown = SidTable.load(sids2, ds2.manifest().fingerprint());
    List<String> raw2 = ds2.itemRawIds();
    for (int i = 1; i <= ds1.numItems(); i++) {
      assertArrayEquals(old.codes(i), grown.codes(raw2.indexOf(ds1.itemRawIds().get(i))));
    }
  }
}
