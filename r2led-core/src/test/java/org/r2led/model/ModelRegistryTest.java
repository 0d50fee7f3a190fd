package org.r2led.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.r2led.train.TrainKeys;

class ModelRegistryTest {
  private static final ModelSpec DIN_CHEAP = DinModel.DIN.preset("din_cheap", "DIN with a small embedding", java.util.Map.of("embedding_dim", 8));

  @Test
  void aScopedRegistryAddsModelsWithoutChangingTheBuiltInOne() {
    ModelRegistry builtIn = ModelRegistry.builtIn();
    ModelRegistry.Builder b = builtIn.toBuilder().add(DIN_CHEAP);
    ModelRegistry mine = b.build();
    assertTrue(mine.contains("din_cheap") && mine.contains("r2led"));
    assertFalse(builtIn.contains("din_cheap"));
    assertEquals(builtIn.names().size() + 1, mine.names().size());
    assertEquals(8, TrainKeys.resolve("din_cheap", List.of(), mine).config().get(ModelKeys.EMBEDDING_DIM));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainKeys.resolve("din_cheap", List.of()));
    assertTrue(e.getMessage().startsWith("unknown model 'din_cheap'; known models: "), e.getMessage());
    b.add(DinModel.DIN.preset("din_later", "added after build", java.util.Map.of()));
    assertFalse(mine.contains("din_later"), "a built registry does not change");
    assertThrows(UnsupportedOperationException.class, () -> builtIn.names().clear());
  }

  @Test
  void aNameIsRegisteredOnce() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelRegistry.builtIn().toBuilder().add(DinModel.DIN));
    assertTrue(e.getMessage().contains("model 'din' is already registered"), e.getMessage());
    assertEquals(List.of("din_cheap"), List.copyOf(ModelRegistry.builder().add(DIN_CHEAP).build().names()));
  }
}
