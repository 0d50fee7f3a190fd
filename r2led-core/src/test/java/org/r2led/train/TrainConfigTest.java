package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {
  @TempDir Path tmp;

  @Test
  void fileThenOverridesWin() throws Exception {
    Path f = tmp.resolve("c.yaml");
    Files.writeString(f, "embedding_dim: 16\nlearning_rate: 1e-2\ndnn_hidden_units: [64, 32]\nsid_fusion: sum\n");
    TrainConfig c = TrainConfig.builder().file(f).overrides(List.of("embedding_dim=8", "use_category=false")).build();
    assertEquals(8, c.getInt("embedding_dim"));
    assertEquals(0.01, c.getDouble("learning_rate"), 0);
    assertArrayEquals(new int[] {64, 32}, c.getInts("dnn_hidden_units"));
    assertEquals("sum", c.getString("sid_fusion"));
    assertEquals(false, c.getBool("use_category"));
    assertEquals(50, c.getInt("topk"));
    // the resolved YAML reloads to the same config
    Path out = tmp.resolve("resolved.yaml");
    Files.writeString(out, c.toYaml());
    assertEquals(c.asMap(), TrainConfig.builder().file(out).build().asMap());
  }

  @Test
  void unknownKeyIsNamedAndValidKeysListed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainConfig.builder().overrides(List.of("embeding_dim=8")));
    assertTrue(e.getMessage().contains("unknown config key 'embeding_dim'"), e.getMessage());
    assertTrue(e.getMessage().contains("embedding_dim"), e.getMessage());
  }

  @Test
  void wrongTypeAndOutOfRangeNameKeyValueAndExpectation() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainConfig.builder().overrides(List.of("embedding_dim=abc")));
    assertTrue(e.getMessage().contains("'embedding_dim'") && e.getMessage().contains("'abc'")
        && e.getMessage().contains("an integer in [1, 1024]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().overrides(List.of("hash_bits=65")));
    assertTrue(e.getMessage().contains("'hash_bits'") && e.getMessage().contains("'65'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().overrides(List.of("route_fusion=max")));
    assertTrue(e.getMessage().contains("one of cross_attention, mean"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().overrides(List.of("use_category=yes")));
    assertTrue(e.getMessage().contains("true or false"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().overrides(List.of("learning_rate=-1")));
    assertTrue(e.getMessage().contains("'learning_rate'"), e.getMessage());
  }

  @Test
  void badKeyInAFileNamesTheFile() throws Exception {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, "epochs: 3\nnum_heads: 0\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().file(f));
    assertTrue(e.getMessage().contains("num_heads") && e.getMessage().contains(f.toString()), e.getMessage());
  }
}
