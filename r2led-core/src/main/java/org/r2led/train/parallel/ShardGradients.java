package org.r2led.train.parallel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.r2led.nn.Fork;
import org.r2led.nn.GradientCodec;
import org.r2led.nn.Gradients;
import org.r2led.nn.ParamStore;

/**
 * What one worker computed on its shard of a global batch: the gradients of the shard's mean loss,
 * that loss and the shard's sample count. {@link #merge} combines the shards of one step with
 * weights {@code samples / total}, which makes the merged gradient (and loss) those of the global
 * batch's mean loss; {@link #encode}/{@link #decode} carry a shard between processes.
 */
public record ShardGradients(Gradients gradients, float loss, int samples) {
  private static final int MAGIC = 0x53473252; // "R2GS" little-endian
  private static final int VERSION = 1;

  /** The merged step of {@code shards} (in shard order; empty shards must be left out). */
  public static ShardGradients merge(List<ShardGradients> shards) { return merge(shards, Fork.SERIAL); }

  /** {@link #merge(List)} with the row sums split over {@code fork} (same result). */
  public static ShardGradients merge(List<ShardGradients> shards, Fork fork) {
    long total = 0;
    for (ShardGradients s : shards) total += s.samples;
    if (total <= 0) throw new IllegalArgumentException("no samples in " + shards.size() + " shards");
    double[] w = new double[shards.size()];
    double loss = 0;
    for (int k = 0; k < w.length; k++) {
      w[k] = shards.get(k).samples / (double) total;
      loss += w[k] * shards.get(k).loss;
    }
    if (shards.size() == 1) return shards.get(0);
    Gradients g = Gradients.merge(shards.stream().map(ShardGradients::gradients).toList(), w, fork);
    return new ShardGradients(g, (float) loss, Math.toIntExact(total));
  }

  /**
   * Bytes: int32 magic 'R2GS', int32 version (1), int32 samples, float32 loss, then the gradients in
   * {@link GradientCodec}'s format; little-endian.
   */
  public byte[] encode() {
    byte[] g = GradientCodec.encode(gradients);
    ByteBuffer b = ByteBuffer.allocate(16 + g.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC).putInt(VERSION).putInt(samples).putFloat(loss).put(g);
    return b.array();
  }

  /** A shard encoded by {@link #encode}, its parameters resolved in {@code store}. */
  public static ShardGradients decode(byte[] bytes, ParamStore store) {
    if (bytes.length < 16) throw new IllegalArgumentException("encoded shard gradients are truncated (" + bytes.length + " bytes)");
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int magic = b.getInt();
    if (magic != MAGIC) throw new IllegalArgumentException(String.format("not encoded shard gradients: magic 0x%08x, expected 0x%08x", magic, MAGIC));
    int version = b.getInt();
    if (version != VERSION) throw new IllegalArgumentException("encoded shard gradients of version " + version + "; this reader reads " + VERSION);
    int samples = b.getInt();
    if (samples < 0) throw new IllegalArgumentException("encoded shard gradients: negative sample count " + samples);
    float loss = b.getFloat();
    return new ShardGradients(GradientCodec.decode(Arrays.copyOfRange(bytes, 16, bytes.length), store), loss, samples);
  }
}
