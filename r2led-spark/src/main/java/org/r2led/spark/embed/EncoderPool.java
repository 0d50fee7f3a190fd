package org.r2led.spark.embed;

import java.util.concurrent.ConcurrentLinkedQueue;
import org.r2led.sid.embed.BgeSmallEncoder;

/**
 * The sentence encoders of one executor JVM: created on first use (one ONNX session each, ~0.1 GB),
 * one per concurrently running task, kept for the JVM's lifetime so later tasks skip the model load.
 */
final class EncoderPool {
  private EncoderPool() {}

  private static final ConcurrentLinkedQueue<BgeSmallEncoder> FREE = new ConcurrentLinkedQueue<>();

  /** An encoder for this task (intra-op threads: {@code threads}); give it back with {@link #release}. */
  static BgeSmallEncoder acquire(int threads) {
    BgeSmallEncoder e = FREE.poll();
    return e != null ? e : new BgeSmallEncoder(threads);
  }

  static void release(BgeSmallEncoder e) {
    FREE.add(e);
  }
}
