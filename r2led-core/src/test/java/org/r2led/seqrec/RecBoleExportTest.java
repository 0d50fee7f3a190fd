package org.r2led.seqrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.io.Json;
import org.r2led.nextitem.NextItemData;
import org.r2led.nextitem.UserSequence;

class RecBoleExportTest {
  @TempDir Path tmp;

  private static UserSequence seq(int user, int... items) {
    long[] ts = new long[items.length];
    for (int i = 0; i < items.length; i++) ts[i] = 1000L - 10L * i;   // times are not what the export writes
    return new UserSequence(user, items, new int[items.length], ts);
  }

  @Test
  void writesOurOrderAsPositionsTheCatalogAndTheTargets() throws IOException {
    // user 0: 4 positives (train 5 -> 2, valid 3, test 1); user 1: 2 positives (training only); user 2: none
    NextItemData data = NextItemData.of(5, 1, new int[6], List.of(seq(0, 5, 2, 3, 1), seq(1, 4, 2), seq(2)));
    Path out = tmp.resolve("toy");
    RecBoleExport.Result r = RecBoleExport.export(data, out, "toy");

    assertEquals("user_id:token\titem_id:token\ttimestamp:float\n"
        + "0\t5\t0\n0\t2\t1\n0\t3\t2\n0\t1\t3\n"
        + "1\t4\t0\n1\t2\t1\n", Files.readString(out.resolve("toy.inter")));
    assertEquals("item_id:token\n1\n2\n3\n4\n5\n", Files.readString(out.resolve("toy.item")));
    assertEquals("user\tvalid_item\ttest_item\n0\t3\t1\n", Files.readString(out.resolve("targets.tsv")));
    assertEquals(2, r.users());
    assertEquals(1, r.heldOutUsers());
    assertEquals(6, r.interactions());
    assertEquals(5, r.items());
    assertEquals(2, r.trainTargets());   // user 0 position 1 (item 2), user 1 position 1 (item 2)
    @SuppressWarnings("unchecked")
    Map<String, Object> split = Json.read(out.resolve("split.json"), Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> counts = (Map<String, Object>) split.get("counts");
    assertEquals(1, counts.get("users_with_test_target"));
    assertEquals(6, counts.get("interactions"));
    assertEquals("given", split.get("positives"));
  }

  @Test
  void exportingAgainReplacesTheOutputAndBadNamesAreRefused() throws IOException {
    Path out = tmp.resolve("x");
    RecBoleExport.export(NextItemData.of(2, 1, new int[3], List.of(seq(0, 1, 2, 1))), out, "x");
    RecBoleExport.export(NextItemData.of(2, 1, new int[3], List.of(seq(0, 2, 1, 2))), out, "x");
    assertTrue(Files.readString(out.resolve("targets.tsv")).endsWith("0\t1\t2\n"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RecBoleExport.export(NextItemData.of(2, 1, new int[3], List.of()), tmp.resolve("y"), "../y"));
    assertTrue(e.getMessage().contains("'../y'"), e.getMessage());
  }
}
