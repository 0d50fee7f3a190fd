package org.r2led.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.r2led.config.Config;

class SynthConfigTest {
  @Test
  void overridesAreParsedByType() {
    SynthConfig c = SynthConfig.standard().with(Map.of("users", "1_000_000", "items", "2e4", "seed", "-5",
        "item_zipf", "1.25", "category_level", " LEAF "));
    assertEquals(1_000_000, c.users());
    assertEquals(20_000, c.items());
    assertEquals(-5L, c.seed());
    assertEquals(1.25, c.itemZipf());
    assertEquals("leaf", c.categoryLevel());
    assertEquals(SynthConfig.standard().clickBias(), c.clickBias());
  }

  @Test
  void toMapRoundTripsThroughOverrides() {
    SynthConfig q = SynthConfig.quickstart();
    Map<String, String> asText = new LinkedHashMap<>();
    q.toMap().forEach((k, v) -> asText.put(k, String.valueOf(v)));
    assertEquals(q, SynthConfig.standard().with(asText));
    assertEquals(List.copyOf(SynthKeys.STANDARD.names()), List.copyOf(q.toMap().keySet()));
    assertTrue(SynthKeys.STANDARD.names().containsAll(List.of("users", "item_zipf", "p_short", "click_long", "test_fraction")));
  }

  @Test
  void presetsDiffer() {
    assertEquals(2000, SynthConfig.preset("quickstart").users());
    assertEquals(3000, SynthConfig.preset("Quickstart").maxLen());
    assertEquals(20_000, SynthConfig.preset("standard").maxLen());
    assertEquals(3000, SynthKeys.QUICKSTART.get("max_len").defaultValue(), "a preset is the keys with other defaults");
    assertThrows(IllegalArgumentException.class, () -> SynthConfig.preset("huge"));
  }

  @Test
  void settingsFromAConfigBuilderKeepTheirOrigin() {
    SynthConfig c = SynthConfig.of(Config.builder().set("users", 300, "--users").overrides(List.of("item_zipf=1.1"))
        .build(SynthKeys.QUICKSTART));
    assertEquals(300, c.users());
    assertEquals(3000, c.items());
    assertEquals("--users", c.config().origin("users"));
    assertMessage(() -> SynthConfig.of(Config.builder().set("max_len", 10, "--set max_len=10").build(SynthKeys.QUICKSTART)),
        "'max_len' has invalid value '10' (--set max_len=10)", ">= min_len (20)");
  }

  @Test
  void badSettingsNameTheKeyTheValueTheOriginAndTheExpectation() {
    SynthConfig s = SynthConfig.standard();
    assertMessage(() -> s.with("users", "many"), "'users' has invalid value 'many' (--set users=many)", "an integer");
    assertMessage(() -> s.with("users", "3000000000"), "'users' has invalid value '3000000000'", "[1, 2147483647]");
    assertMessage(() -> s.with("p_short", "1.5"), "'p_short' has invalid value '1.5'", "[0.0, 1.0]");
    assertMessage(() -> s.with("p_long", "0.5"), "p_short=0.6 (default) + p_long=0.5 (--set p_long=0.5)", "at most 1");
    assertMessage(() -> s.with("max_len", "10"), "'max_len' has invalid value '10' (--set max_len=10)", ">= min_len (20)");
    assertMessage(() -> s.with("items", "100"), "'items' has invalid value '100'", "192");
    assertMessage(() -> s.with("category_level", "genre"), "'category_level' has invalid value 'genre'", "one of top, sub, leaf");
    assertMessage(() -> s.with("len_median", "NaN"), "'len_median' has invalid value 'NaN'", "> 0");
    assertMessage(() -> s.with("long_interests_max", "2"), "'long_interests_max' has invalid value '2'", ">= long_interests_min (3)");
    assertMessage(() -> s.with("colour", "red"), "unknown config key 'colour'", "item_zipf");
  }

  private static void assertMessage(Runnable r, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' lacks '" + p + "'");
  }
}
