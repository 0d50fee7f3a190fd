package org.r2led.data;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.r2led.io.Columns;

/**
 * The samples of one split, memory-mapped. Sample {@code i} points into its user's sequence:
 * its history is that user's events {@code [0, pos(i))}, oldest first, all strictly earlier than
 * the target in sequence order.
 */
public final class SampleSplit {
  private final PreparedDataset dataset;
  private final Split split;
  private final int size;
  private final IntBuffer user;
  private final IntBuffer pos;
  private final IntBuffer item;
  private final IntBuffer category;
  private final ByteBuffer label;
  private final LongBuffer ts;
  private final FloatBuffer prob;

  SampleSplit(PreparedDataset dataset, Split split, Path dir) {
    this.dataset = dataset;
    this.split = split;
    this.user = Columns.mapInts(dir.resolve(DatasetLayout.SAMPLE_USER));
    this.pos = Columns.mapInts(dir.resolve(DatasetLayout.SAMPLE_POS));
    this.item = Columns.mapInts(dir.resolve(DatasetLayout.SAMPLE_ITEM));
    this.category = Columns.mapInts(dir.resolve(DatasetLayout.SAMPLE_CATEGORY));
    this.label = Columns.mapBytes(dir.resolve(DatasetLayout.SAMPLE_LABEL));
    this.ts = Columns.mapLongs(dir.resolve(DatasetLayout.SAMPLE_TS));
    Path p = dir.resolve(DatasetLayout.SAMPLE_PROB);
    this.prob = Files.isRegularFile(p) ? Columns.mapFloats(p) : null;
    this.size = user.limit();
    if (pos.limit() != size || item.limit() != size || category.limit() != size || label.limit() != size
        || ts.limit() != size || (prob != null && prob.limit() != size)) {
      throw new IllegalStateException("sample columns in " + dir + " have different lengths");
    }
  }

  public PreparedDataset dataset() { return dataset; }

  public Split split() { return split; }

  public int size() { return size; }

  public int user(int i) { return user.get(i); }

  /** History length of sample {@code i}. */
  public int pos(int i) { return pos.get(i); }

  /** Global event index where sample {@code i}'s history starts. */
  public long historyStart(int i) { return dataset.seqStart(user.get(i)); }

  public int item(int i) { return item.get(i); }

  public int category(int i) { return category.get(i); }

  public int label(int i) { return label.get(i); }

  public long ts(int i) { return ts.get(i); }

  /** Whether true click probabilities are known (synthetic data). */
  public boolean hasTrueProbabilities() { return prob != null; }

  /** True click probability of sample {@code i} (synthetic data only). */
  public float trueProbability(int i) {
    if (prob == null) throw new IllegalStateException("split " + split + " has no true probabilities (not synthetic)");
    return prob.get(i);
  }
}
