package org.r2led.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Element-wise activation functions selectable by config name. */
public enum Act {
  RELU, SIGMOID, TANH, NONE;

  public NDArray apply(NDArray x) {
    return switch (this) {
      case RELU -> Activation.relu(x);
      case SIGMOID -> Activation.sigmoid(x);
      case TANH -> Activation.tanh(x);
      case NONE -> x;
    };
  }

  /** Parses {@code relu|sigmoid|tanh|none} (case-insensitive). */
  public static Act parse(String s) {
    for (Act a : values()) if (a.name().equalsIgnoreCase(s.trim())) return a;
    throw new IllegalArgumentException("unknown activation '" + s + "'; expected one of "
        + Arrays.stream(values()).map(a -> a.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
  }
}
