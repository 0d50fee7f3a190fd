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
import org.r2led.config.Config;
import org.r2led.model.ModelKeys;
import org.r2led.model.R2ledModel;

/** Run configurations: training keys plus the chosen model's keys, validated with clear errors. */
class RunConfigTest {
  @TempDir Path tmp;

  @Test
  void fileThenOverridesWin() throws Exception {
    Path f = tmp.resolve("c.yaml");
    Files.writeString(f, "embedding_dim: 16\nlearning_rate: 1e-2\ndnn_hidden_units: [64, 32]\nsid_fusion: sum\n");
    Config c = resolve(Config.builder().set("model", "r2led", "test").file(f)
        .overrides(List.of("embedding_dim=8", "use_category=false")));
    assertEquals(8, c.get(ModelKeys.EMBEDDING_DIM));
    assertEquals(0.01, c.get(TrainKeys.LEARNING_RATE), 0);
    assertArrayEquals(new int[] {64, 32}, c.ints(ModelKeys.DNN_HIDDEN_UNITS));
    assertEquals("sum", c.get(R2ledModel.SID_FUSION));
    assertEquals(false, c.get(ModelKeys.USE_CATEGORY));
    assertEquals(50, c.get(ModelKeys.TOPK));
    // the resolved YAML reloads to the same config
    Path out = tmp.resolve("resolved.yaml");
    Files.writeString(out, c.toYaml());
    assertEquals(c.asMap(), resolve(Config.builder().file(out)).asMap());
  }

  private static Config resolve(Config.Builder b) { return TrainKeys.resolve(b).config(); }

  private static Config r2led(String... kv) { return TrainKeys.resolve("r2led", List.of(kv)).config(); }

  @Test
  void eachModelHasItsOwnKeysAndPresetsChangeDefaults() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainKeys.resolve("din", List.of("topk=5")));
    assertTrue(e.getMessage().contains("unknown config key 'topk'"), e.getMessage());
    assertEquals("sum", TrainKeys.resolve("r2led_no_gate", List.of()).config().get(R2ledModel.SID_FUSION));
    assertEquals("gate", r2led().get(R2ledModel.SID_FUSION));
    e = assertThrows(IllegalArgumentException.class, () -> TrainKeys.resolve("no_such_model", List.of()));
    assertTrue(e.getMessage().contains("known models") && e.getMessage().contains("r2led"), e.getMessage());
  }

  @Test
  void unknownKeyIsNamedAndValidKeysListed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> r2led("embeding_dim=8"));
    assertTrue(e.getMessage().contains("unknown config key 'embeding_dim'"), e.getMessage());
    assertTrue(e.getMessage().contains("embedding_dim"), e.getMessage());
  }

  @Test
  void wrongTypeAndOutOfRangeNameKeyValueAndExpectation() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> r2led("embedding_dim=abc"));
    assertTrue(e.getMessage().contains("'embedding_dim'") && e.getMessage().contains("'abc'")
        && e.getMessage().contains("an integer in [1, 1024]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> r2led("hash_bits=65"));
    assertTrue(e.getMessage().contains("'hash_bits'") && e.getMessage().contains("'65'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> r2led("route_fusion=max"));
    assertTrue(e.getMessage().contains("one of cross_attention, mean"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> r2led("use_category=yes"));
    assertTrue(e.getMessage().contains("true or false"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> r2led("learning_rate=-1"));
    assertTrue(e.getMessage().contains("'learning_rate'"), e.getMessage());
  }

  @Test
  void badKeyInAFileNamesTheFile() throws Exception {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, "epochs: 3\nnum_heads: 0\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resolve(Config.builder().set("model", "r2led", "test").file(f)));
    assertTrue(e.getMessage().contains("num_heads") && e.getMessage().contains(f.toString()), e.getMessage());
  }
}
