package org.r2led.sid.embed;

import java.util.List;

/** A sentence encoder: texts to fixed-size vectors. */
public interface TextEncoder {
  /** Model identifier; part of the embedding cache key. */
  String modelName();

  /** Output dimension. */
  int dim();

  /** Encodes {@code texts}; result {@code [texts.size()][dim()]}. */
  float[][] encode(List<String> texts);
}
