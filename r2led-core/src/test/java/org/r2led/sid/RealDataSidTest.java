package org.r2led.sid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.Fixtures;
import org.r2led.data.PreparedDataset;
import org.r2led.data.protocol.DatasetPreparer;
import org.r2led.data.protocol.PrepareRequest;
import org.r2led.data.source.SourceFormat;

/**
 * SIDs on the shared Taobao excerpt with the co-occurrence encoder (skipped when ../shared/data is
 * absent). Two levels of 64 codes keep it to a few seconds; the acceptance figures with the default
 * settings come from {@code r2led sid build}.
 */
class RealDataSidTest {
  @TempDir Path tmp;

  @Test
  void taobaoCooccurrenceCodesFollowCategoriesAndAreUnique() {
    Path in = Fixtures.sharedData("taobao-userbehavior-head");
    Path dir = DatasetPreparer.prepare(PrepareRequest.of(SourceFormat.TAOBAO, in, tmp.resolve("tb")), null).dir();
    PreparedDataset ds = PreparedDataset.open(dir);
    SidTable t = SidBuilder.build(ds, SidBuildConfig.defaults().with(SidBuildConfig.ENCODER, "cooccurrence")
        .with(SidBuildConfig.LEVELS, 2).with(SidBuildConfig.CODEBOOK_SIZE, List.of(64)).with(SidBuildConfig.SEED, 3L),
        tmp.resolve("sid"));
    assertEquals(55_233, t.numItems());
    SidReport r = SidReport.read(tmp.resolve("sid"));
    assertTrue(r.quality().collisions().uniqueWithSuffix());
    SidQuality.PurityRow l1 = r.quality().purity().get(0);
    assertEquals("categories", l1.labels());
    assertTrue(l1.purity() > 3 * l1.randomPurity(), "level-1 purity " + l1.purity() + " vs random " + l1.randomPurity());
    assertTrue(l1.nmi() > l1.randomNmi() + 0.2, "NMI " + l1.nmi() + " vs random " + l1.randomNmi());
    // only events before each user's first target are used (no labels leak into the SIDs)
    long used = ((Number) r.encoderDetails().get("eventsUsed")).longValue();
    int[] first = new int[ds.numUsers()];
    for (int u = 0; u < first.length; u++) first[u] = ds.seqLength(u);
    for (org.r2led.data.Split s : org.r2led.data.Split.values()) {
      org.r2led.data.SampleSplit sp = ds.split(s);
      for (int i = 0; i < sp.size(); i++) first[sp.user(i)] = Math.min(first[sp.user(i)], sp.pos(i));
    }
    assertEquals(java.util.Arrays.stream(first).asLongStream().sum(), used);
  }
}
