package org.r2led.seqrec;

import java.util.List;
import java.util.SplittableRandom;
import org.r2led.sid.embed.TokenLevelEncoder;

/** A deterministic stand-in for the sentence encoder: one seeded vector per word; a text's vector is their mean. */
final class FakeEncoder implements TokenLevelEncoder {
  static final int DIM = 8;
  int calls;

  @Override
  public String modelName() { return "fake-words-8"; }

  @Override
  public int dim() { return DIM; }

  private static float[] word(String w) {
    SplittableRandom r = new SplittableRandom(w.hashCode());
    float[] v = new float[DIM];
    for (int j = 0; j < DIM; j++) v[j] = (float) r.nextGaussian();
    return v;
  }

  @Override
  public float[][] tokens(String text, int maxTokens) {
    calls++;
    String[] ws = text.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9]+");
    return java.util.Arrays.stream(ws).filter(w -> !w.isEmpty()).limit(maxTokens).map(FakeEncoder::word).toArray(float[][]::new);
  }

  @Override
  public float[][] encode(List<String> texts) {
    float[][] out = new float[texts.size()][DIM];
    for (int i = 0; i < texts.size(); i++) {
      float[][] t = tokens(texts.get(i), 512);
      for (float[] v : t) for (int j = 0; j < DIM; j++) out[i][j] += v[j] / Math.max(1, t.length);
    }
    return out;
  }
}
