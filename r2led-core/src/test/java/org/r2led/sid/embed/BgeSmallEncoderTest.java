package org.r2led.sid.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BgeSmallEncoderTest {
  static double cos(float[] a, float[] b) {
    double d = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return d / Math.sqrt(na * nb);
  }

  @Test
  void similarTitlesAreCloserThanUnrelatedOnes() {
    float[][] v = new BgeSmallEncoder().encode(List.of(
        "Toy Story (1995) | Adventure, Animation, Children, Comedy",
        "Finding Nemo (2003) | Adventure, Animation, Children, Comedy",
        "Reservoir Dogs (1992) | Crime, Mystery, Thriller"));
    assertEquals(384, v[0].length);
    assertEquals(1.0, cos(v[0], v[0]), 1e-5);
    double sim = cos(v[0], v[1]), unrelated = cos(v[0], v[2]);
    assertTrue(sim > unrelated + 0.05, "animation-animation " + sim + " vs animation-crime " + unrelated);
  }

  @Test
  void matchesTheReferenceLangchain4jModel() {
    List<String> texts = List.of("Heat (1995) | genres: Action, Crime, Thriller",
        "a much longer text about a space opera with starships, rebels, an empire and a farm boy who becomes a hero",
        "Up");
    float[][] ours = new BgeSmallEncoder(2).encode(texts);
    var ref = new dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel();
    for (int i = 0; i < texts.size(); i++) {
      float[] r = ref.embed(texts.get(i)).content().vector();
      assertTrue(cos(ours[i], r) > 0.99999, "text " + i + ": cosine " + cos(ours[i], r));
    }
  }
}
