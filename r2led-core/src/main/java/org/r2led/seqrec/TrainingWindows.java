package org.r2led.seqrec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.r2led.nextitem.NextItemData;
import org.r2led.nextitem.UserSequence;

/**
 * Training windows over the next-item protocol's training positions (validation and test targets are never
 * trained on). Per user and epoch, {@code windows = recent}: the window ending at the last training position plus
 * {@code windows_per_user − 1} windows ending at random earlier positions; {@code windows = tile}: consecutive
 * windows from the last training position backwards, each target position in exactly one of them, so an epoch
 * trains on every training target once (as toolkits that train on every prefix do). Causal backbones take
 * {@code L+1} items (inputs {@code 0..L-1}, targets {@code 1..L}, every position with a non-padding target);
 * cloze backbones take {@code L} items and replace each with [MASK] with probability {@code mask_prob}
 * (at least one per window), the targets being the hidden items.
 */
public final class TrainingWindows {
  private final NextItemData data;
  private final int length;
  private final boolean cloze;
  private final int perUser;
  private final double maskProb;
  private final int maskId;
  private final boolean tile;

  /** Windows of the {@code recent} kind ({@code perUser} per user). */
  public TrainingWindows(NextItemData data, int length, boolean cloze, int perUser, double maskProb, int maskId) {
    this(data, length, cloze, perUser, maskProb, maskId, false);
  }

  /** @param tile whether to tile every user's training positions ({@code windows = tile}; {@code perUser} unused) */
  public TrainingWindows(NextItemData data, int length, boolean cloze, int perUser, double maskProb, int maskId,
      boolean tile) {
    this.tile = tile;
    this.data = data;
    this.length = length;
    this.cloze = cloze;
    this.perUser = perUser;
    this.maskProb = maskProb;
    this.maskId = maskId;
  }

  /**
   * How many windows every epoch has: {@code windows_per_user} per user with at least two training positions
   * ({@code recent}), or the number of tiles ({@code tile}).
   */
  public int perEpoch() {
    int n = 0;
    for (UserSequence s : data.sequences()) {
      if (s.trainLength() < 2) continue;
      n += tile ? tileEnds(s.trainLength()).length : perUser;
    }
    return n;
  }

  /**
   * Ends (exclusive) of the tiles over {@code n} training positions, latest first: causal windows hold
   * {@code L+1} items and targets at their last {@code L}, so tiles end at {@code n, n−L, n−2L, ...} while at
   * least 2 items remain (every position {@code 1..n−1} is a target once); cloze windows hold {@code L} items,
   * each a possible target, so they end at {@code n, n−L, ...} while at least 1 item remains.
   */
  int[] tileEnds(int n) {
    int min = cloze ? 1 : 2;
    int count = n < min ? 0 : 1 + (n - min) / length;
    int[] ends = new int[count];
    for (int k = 0; k < count; k++) ends[k] = n - k * length;
    return ends;
  }

  /** The epoch's windows (each an item slice, oldest first) in a seeded random order. */
  public List<int[]> epoch(SplittableRandom rnd) {
    List<int[]> out = new ArrayList<>();
    int span = cloze ? length : length + 1;
    for (UserSequence s : data.sequences()) {
      int n = s.trainLength();
      if (n < 2) continue;
      if (tile) {
        for (int end : tileEnds(n)) out.add(s.itemsBefore(end, span));
        continue;
      }
      for (int w = 0; w < perUser; w++) {
        int end = w == 0 ? n : 2 + rnd.nextInt(n - 1);   // in [2, n]
        out.add(s.itemsBefore(end, span));
      }
    }
    for (int i = out.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int[] t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
    }
    return out;
  }

  /** A batch of {@code windows[from, to)} with {@code numNegatives} uniform negatives from {@code rnd}. */
  public TrainBatch batch(List<int[]> windows, int from, int to, int numNegatives, SplittableRandom rnd) {
    int b = to - from;
    int[] in = new int[b * length];
    float[] mask = new float[b * length];
    List<Integer> pos = new ArrayList<>();
    List<Integer> tgt = new ArrayList<>();
    for (int r = 0; r < b; r++) {
      int[] w = windows.get(from + r);
      if (cloze) {
        int off = length - w.length;
        boolean any = false;
        for (int j = 0; j < w.length; j++) {
          in[r * length + off + j] = w[j];
          mask[r * length + off + j] = 1f;
          if (rnd.nextDouble() < maskProb) {
            in[r * length + off + j] = maskId;
            pos.add(r * length + off + j);
            tgt.add(w[j]);
            any = true;
          }
        }
        if (!any) {
          in[r * length + length - 1] = maskId;
          pos.add(r * length + length - 1);
          tgt.add(w[w.length - 1]);
        }
      } else {
        int n = w.length - 1;
        int off = length - n;
        for (int j = 0; j < n; j++) {
          in[r * length + off + j] = w[j];
          mask[r * length + off + j] = 1f;
          pos.add(r * length + off + j);
          tgt.add(w[j + 1]);
        }
      }
    }
    int[] neg = new int[numNegatives];
    for (int k = 0; k < numNegatives; k++) neg[k] = 1 + rnd.nextInt(data.numItems());
    return new TrainBatch(b, length, in, mask, pos.stream().mapToInt(Integer::intValue).toArray(),
        tgt.stream().mapToInt(Integer::intValue).toArray(), neg);
  }
}
