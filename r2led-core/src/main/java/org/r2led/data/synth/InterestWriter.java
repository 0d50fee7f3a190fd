package org.r2led.data.synth;

import java.nio.file.Path;
import org.r2led.io.Columns;

/**
 * Streams every user's true long-term interests (ground truth, not model input) as CSR columns:
 * {@code synth/user_interest.off.i64} (users+1 offsets), {@code synth/user_interest.leaf.i32}
 * (leaf topic ids) and {@code synth/user_interest.weight.f32} (weights summing to 1 per user).
 */
final class InterestWriter implements AutoCloseable {
  static final String OFFSETS = "synth/user_interest.off.i64";
  static final String LEAVES = "synth/user_interest.leaf.i32";
  static final String WEIGHTS = "synth/user_interest.weight.f32";

  private final Columns.Writer offsets;
  private final Columns.Writer leaves;
  private final Columns.Writer weights;
  private long count;

  InterestWriter(Path dir) {
    offsets = new Columns.Writer(dir.resolve(OFFSETS));
    leaves = new Columns.Writer(dir.resolve(LEAVES));
    weights = new Columns.Writer(dir.resolve(WEIGHTS));
    offsets.putLong(0);
  }

  /** Appends the next user's first {@code k} interest leaves and weights. */
  void user(int[] leafIds, double[] w, int k) {
    for (int j = 0; j < k; j++) {
      leaves.putInt(leafIds[j]);
      weights.putFloat((float) w[j]);
    }
    count += k;
    offsets.putLong(count);
  }

  @Override
  public void close() {
    offsets.close();
    leaves.close();
    weights.close();
  }
}
