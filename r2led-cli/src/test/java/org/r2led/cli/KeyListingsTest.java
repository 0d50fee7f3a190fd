package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code --help-keys} lists a task's keys the way {@code models} lists a model's (same table). */
class KeyListingsTest {
  @Test
  void dataPrepareListsEachSourcesKeysWithItsDefaults() {
    CliRun all = CliRun.of("data", "prepare", "--help-keys");
    assertEquals(0, all.code(), all.err());
    assertTrue(all.out().contains("movielens, rating protocol, labels from ratings:"), all.out());
    assertTrue(all.out().contains("csv, click protocol, labels from behaviors (no label):"), all.out());
    assertTrue(all.out().contains("  movielens.max_tags       10"), all.out());
    CliRun taobao = CliRun.of("data", "prepare", "--help-keys", "--source", "taobao");
    assertEquals(0, taobao.code(), taobao.err());
    assertTrue(taobao.out().startsWith("taobao, click protocol, labels from behaviors (no label):\n"), taobao.out());
    assertTrue(taobao.out().contains("  click.utc_offset_hours   8                time zone of the day boundaries (hours east of UTC)"
        + " (an integer in [-14, 14])"), taobao.out());
    assertTrue(taobao.out().contains("  click.window_start       1511539200"), taobao.out());
    assertTrue(taobao.out().contains("history only (an integer or auto)"), taobao.out());
    assertFalse(taobao.out().contains("rating.threshold"), taobao.out());
  }

  @Test
  void dataSynthListsThePresetsDefaults() {
    CliRun q = CliRun.of("data", "synth", "--help-keys", "--preset", "quickstart");
    assertEquals(0, q.code(), q.err());
    assertTrue(q.out().contains("  users                    2000             number of users (an integer in [1, 2147483647])"), q.out());
    assertTrue(CliRun.of("data", "synth", "--help-keys").out().contains("  users                    10000 "));
  }

  @Test
  void sidBuildListsItsKeysWithoutItsRequiredOptions() {
    CliRun r = CliRun.of("sid", "build", "--help-keys");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("  levels                   3                semantic levels"), r.out());
    assertTrue(r.out().contains("(one of rqkmeans, rqvae)"), r.out());
  }
}
