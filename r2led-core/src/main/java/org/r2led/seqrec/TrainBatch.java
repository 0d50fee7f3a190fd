package org.r2led.seqrec;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One training batch of {@code size} left-padded windows of {@code length} positions (row-major arrays of
 * {@code size × length}): input item ids (0 = padding, or the [MASK] id), the 0/1 mask, and the positions
 * that carry a training target with their target items; plus the batch's shared sampled negatives.
 * Immutable (arrays are not copied; builders do not keep them).
 */
public record TrainBatch(int size, int length, int[] inputs, float[] mask, int[] targetPositions, int[] targetItems,
    int[] negatives) {
  public TrainBatch {
    if (inputs.length != size * length || mask.length != size * length) {
      throw new IllegalArgumentException("inputs/mask have " + inputs.length + "/" + mask.length + " entries; expected "
          + size + " × " + length);
    }
    if (targetPositions.length != targetItems.length) {
      throw new IllegalArgumentException(targetPositions.length + " target positions but " + targetItems.length + " targets");
    }
  }

  /** Up to {@code max} distinct target items (first-seen order), the in-batch items of the alignment loss. */
  public int[] alignmentItems(int max) {
    Set<Integer> s = new LinkedHashSet<>();
    for (int t : targetItems) {
      if (s.size() >= max) break;
      s.add(t);
    }
    return s.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String toString() { return "TrainBatch[" + size + "×" + length + ", targets " + targetItems.length + ", negatives "
      + negatives.length + ", first " + Arrays.toString(Arrays.copyOf(inputs, Math.min(8, inputs.length))) + "]"; }
}
