package org.r2led.sid.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * bge-small-en-v1.5 (int8-quantized ONNX, 384-d, L2-normalized output) running in-process on ONNX
 * Runtime; the model and tokenizer ship inside the langchain4j jar (no download). Texts are encoded
 * in parallel over the available processors. The model loads on first use.
 */
public final class BgeSmallEncoder implements TextEncoder {
  public static final String MODEL_NAME = "bge-small-en-v1.5-q";
  private BgeSmallEnV15QuantizedEmbeddingModel model;

  @Override
  public String modelName() { return MODEL_NAME; }

  @Override
  public int dim() { return 384; }

  @Override
  public synchronized float[][] encode(List<String> texts) {
    if (model == null) model = new BgeSmallEnV15QuantizedEmbeddingModel();
    List<TextSegment> segs = new ArrayList<>(texts.size());
    for (String t : texts) segs.add(TextSegment.from(t));
    List<Embedding> out = model.embedAll(segs).content();
    float[][] v = new float[out.size()][];
    for (int i = 0; i < v.length; i++) {
      v[i] = out.get(i).vector();
      if (v[i].length != dim()) throw new IllegalStateException(MODEL_NAME + " returned " + v[i].length + " dims");
    }
    return v;
  }
}
