/**
 * R2LED core: data preparation, Semantic IDs, retrieval, CTR / retrieval / sequential models,
 * training, evaluation and in-process scoring ({@link org.r2led.serving.ScoringModel}).
 * Embedding services start at {@code org.r2led.serving}; models plug in through
 * {@link org.r2led.model.ModelSpec.Provider}. The packages {@code org.r2led.recall.ann} and
 * {@code org.r2led.recall.model} are internal.
 */
module org.r2led.core {
  requires ai.djl.api;
  requires ai.djl.pytorch_engine;
  requires ai.djl.tokenizers;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.microsoft.onnxruntime;
  requires com.sun.jna;
  requires java.desktop;
  requires java.management;
  requires jdk.management;
  requires org.apache.lucene.core;
  requires org.slf4j;

  exports org.r2led.config;
  exports org.r2led.data;
  exports org.r2led.data.export;
  exports org.r2led.data.protocol;
  exports org.r2led.data.source;
  exports org.r2led.data.stats;
  exports org.r2led.data.synth;
  exports org.r2led.eval;
  exports org.r2led.io;
  exports org.r2led.model;
  exports org.r2led.nextitem;
  exports org.r2led.nn;
  exports org.r2led.recall;
  exports org.r2led.recall.train;
  exports org.r2led.retrieval;
  exports org.r2led.seqrec;
  exports org.r2led.serving;
  exports org.r2led.sid;
  exports org.r2led.sid.embed;
  exports org.r2led.sid.quant;
  exports org.r2led.train;

  uses org.r2led.model.ModelSpec.Provider;
}
