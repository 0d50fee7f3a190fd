package org.r2led.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GridTest {
  @Test
  void cartesianProductInOrderWithStableIds() {
    Grid g = Grid.parse("learning_rate=1e-3,3e-4; embedding_regularizer=0,0.01");
    assertEquals(List.of("learning_rate", "embedding_regularizer"), List.copyOf(g.keys()));
    List<Grid.Setting> s = g.settings();
    assertEquals(4, s.size());
    assertEquals(List.of("learning_rate=1e-3", "embedding_regularizer=0"), s.get(0).overrides());
    assertEquals(List.of("learning_rate=1e-3", "embedding_regularizer=0.01"), s.get(1).overrides());
    assertEquals(List.of("learning_rate=3e-4", "embedding_regularizer=0"), s.get(2).overrides());
    assertEquals("learning_rate=3e-4,embedding_regularizer=0.01", s.get(3).id());
    assertEquals("learning_rate=3e-4 embedding_regularizer=0.01", s.get(3).label());
    assertEquals(s, Grid.parse("learning_rate=1e-3,3e-4;embedding_regularizer=0,0.01").settings(), "same spec, same ids");
  }

  @Test
  void emptyGridIsOneDefaultSetting() {
    for (String spec : new String[] {"", "none", "  "}) {
      Grid g = Grid.parse(spec);
      assertEquals(1, g.settings().size());
      assertEquals("default", g.settings().get(0).id());
      assertTrue(g.settings().get(0).overrides().isEmpty());
    }
  }

  @Test
  void bracketedListValuesAndSafeIds() {
    Grid g = Grid.parse("dnn_hidden_units=[200,80],[64]");
    assertEquals(2, g.settings().size());
    assertEquals(List.of("dnn_hidden_units=[200,80]"), g.settings().get(0).overrides());
    assertEquals("dnn_hidden_units=_200,80_", g.settings().get(0).id());
    assertEquals("dnn_hidden_units=_64_", g.settings().get(1).id());
  }

  @Test
  void malformedSpecsFailClearly() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Grid.parse("learning_rate")).getMessage().contains("not key=value1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Grid.parse("seed=1,2")).getMessage().contains("cannot set 'seed'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Grid.parse("a=1;a=2")).getMessage().contains("appears twice"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Grid.parse("a=1,,2")).getMessage().contains("empty value"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Grid.parse("a=1,1")).getMessage().contains("repeats a value"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Grid.parse("a=[1,2")).getMessage().contains("unbalanced"));
  }
}
