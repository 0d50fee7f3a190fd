package org.r2led.model;

import org.r2led.config.Config;
import org.r2led.nn.Act;
import org.r2led.nn.DinAttention;
import org.r2led.nn.ParamStore;

/** DIN's local activation unit from the {@link ModelKeys#DIN_UNIT} keys (the DIN model's and the short-term part of others). */
public final class DinUnits {
  private DinUnits() {}

  /** A DIN attention unit named {@code name} over tokens of size {@code dim}, declared in {@code store}. */
  public static DinAttention of(ParamStore store, String name, Config c, int dim) {
    return new DinAttention(store, name, dim, c.ints(ModelKeys.ATTENTION_HIDDEN_UNITS),
        Act.parse(c.get(ModelKeys.ATTENTION_ACTIVATION)), c.get(ModelKeys.DIN_USE_SOFTMAX));
  }
}
