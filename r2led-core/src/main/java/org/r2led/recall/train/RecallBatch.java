package org.r2led.recall.train;

import java.util.List;
import java.util.SplittableRandom;
import org.r2led.nextitem.NextItemExample;
import org.r2led.nn.UniqueIds;

/**
 * Java-side inputs of one step of a retrieval model. Item and category ids are replaced by positions
 * into the step's gathered rows ({@link #itemIds}, {@link #categoryIds}); padding positions point at
 * id 0 and carry mask 0. Shapes: {@code B} rows; short history {@code (B, shortLen)} right-aligned
 * (the most recent positive last); long history {@code (B, longLen)}; category history
 * {@code (B, catLen)}; same-category negatives {@code (B, negatives)}; catalog negatives
 * {@code (catalogNegatives)} shared by the batch.
 */
public final class RecallBatch {
  public final int b;
  public final UniqueIds itemIds;
  public final UniqueIds categoryIds;
  public final int shortLen;
  public final int[] shortItem;
  public final int[] shortCat;
  public final float[] shortMask;
  public final int longLen;
  public final int[] longItem;
  public final int[] longCat;
  public final float[] longMask;
  public final int catLen;
  public final int[] catHist;
  /** {@code (B, catLen, 2)}: log(1+count), age/(1+age) in positions. */
  public final float[] catFeat;
  public final float[] catMask;
  /** {@code (B, catLen)}: 1 where the category history entry is the target's category. */
  public final float[] catTarget;
  /** Raw target categories {@code (B)} (dense ids), or null. */
  public final int[] targetCategory;
  public final int[] target;
  public final int negatives;
  public final int[] sameNeg;
  public final float[] sameNegMask;
  public final int catalogNegatives;
  public final int[] catalogNeg;
  /** {@code (B, catalogNegatives)}: 0 where a shared negative is the row's positive. */
  public final float[] catalogNegMask;

  /** What a model's batches hold. */
  public record Shape(int shortLen, int longLen, int catLen, int negatives, int catalogNegatives) {}

  private RecallBatch(int b, Shape sh) {
    this.b = b;
    // sized for every id the batch can hold (bounded: a set grows past its expected size when needed)
    int history = b * (sh.shortLen + sh.longLen);
    this.itemIds = new UniqueIds(Math.min(4096, 1 + history + b * (1 + sh.negatives) + sh.catalogNegatives));
    this.categoryIds = new UniqueIds(Math.min(512, 1 + history + b * sh.catLen));
    this.shortLen = sh.shortLen;
    this.shortItem = new int[b * sh.shortLen];
    this.shortCat = new int[b * sh.shortLen];
    this.shortMask = new float[b * sh.shortLen];
    this.longLen = sh.longLen;
    this.longItem = new int[b * sh.longLen];
    this.longCat = new int[b * sh.longLen];
    this.longMask = new float[b * sh.longLen];
    this.catLen = sh.catLen;
    this.catHist = new int[b * sh.catLen];
    this.catFeat = new float[b * sh.catLen * 2];
    this.catMask = new float[b * sh.catLen];
    this.catTarget = new float[b * sh.catLen];
    this.targetCategory = new int[b];
    this.target = new int[b];
    this.negatives = sh.negatives;
    this.sameNeg = new int[b * sh.negatives];
    this.sameNegMask = new float[b * sh.negatives];
    this.catalogNegatives = sh.catalogNegatives;
    this.catalogNeg = new int[sh.catalogNegatives];
    this.catalogNegMask = new float[b * sh.catalogNegatives];
    itemIds.add(0);
    categoryIds.add(0);
  }

  /** A training batch: histories before each example's target, the target, and sampled negatives. */
  public static RecallBatch training(List<NextItemExample> examples, Shape sh, NegativeSampler sampler,
      SplittableRandom rnd) {
    RecallBatch r = new RecallBatch(examples.size(), sh);
    int[] shared = sh.catalogNegatives > 0 ? sampler.catalog(sh.catalogNegatives, rnd) : new int[0];
    for (int k = 0; k < shared.length; k++) r.catalogNeg[k] = r.itemIds.add(shared[k]);
    for (int row = 0; row < examples.size(); row++) {
      NextItemExample ex = examples.get(row);
      int[] items = ex.sequence().items();
      int[] cats = ex.sequence().categories();
      int end = ex.position();
      r.fillHistory(row, items, cats, end, ex.category());
      r.target[row] = r.itemIds.add(ex.item());
      r.targetCategory[row] = ex.category();
      if (sh.negatives > 0) {
        int[] neg = sampler.sameCategory(ex.category(), ex.item(), sh.negatives, rnd);
        for (int k = 0; k < neg.length; k++) {
          r.sameNeg[row * sh.negatives + k] = r.itemIds.add(neg[k]);
          r.sameNegMask[row * sh.negatives + k] = neg[k] == ex.item() ? 0f : 1f;
        }
      }
      for (int k = 0; k < shared.length; k++) r.catalogNegMask[row * shared.length + k] = shared[k] == ex.item() ? 0f : 1f;
    }
    return r;
  }

  /**
   * An inference batch of one history per row; the long history of row r is category
   * {@code longCategory[r]}'s subsequence (or none when {@code longCategory} is null).
   */
  public static RecallBatch inference(int[] items, int[] cats, int rows, int[] longCategory, Shape sh) {
    RecallBatch r = new RecallBatch(rows, sh);
    for (int row = 0; row < rows; row++) {
      r.fillHistory(row, items, cats, items.length, longCategory == null ? 0 : longCategory[row]);
    }
    return r;
  }

  /** The category ids of row {@code row}'s touched-category list ({@code catHist}), most recently touched first. */
  public int[] touchedCategories(int row) {
    int k = 0;
    while (k < catLen && catMask[row * catLen + k] > 0) k++;
    int[] out = new int[k];
    for (int j = 0; j < k; j++) out[j] = categoryIds.id(catHist[row * catLen + j]);
    return out;
  }

  private void fillHistory(int row, int[] items, int[] cats, int end, int longCategory) {
    int[] si = HistoryView.tail(items, end, shortLen);
    int[] sc = HistoryView.tail(cats, end, shortLen);
    int off = row * shortLen + shortLen - si.length;
    for (int j = 0; j < si.length; j++) {
      shortItem[off + j] = itemIds.add(si[j]);
      shortCat[off + j] = categoryIds.add(sc[j]);
      shortMask[off + j] = 1f;
    }
    if (longLen > 0 && longCategory > 0) {
      int[] li = HistoryView.categoryTail(items, cats, end, longCategory, longLen);
      for (int j = 0; j < li.length; j++) {
        longItem[row * longLen + j] = itemIds.add(li[j]);
        longCat[row * longLen + j] = categoryIds.add(longCategory);
        longMask[row * longLen + j] = 1f;
      }
    }
    if (catLen > 0) {
      int[][] ch = HistoryView.categories(cats, end, catLen);
      for (int j = 0; j < ch[0].length; j++) {
        int at = row * catLen + j;
        catHist[at] = categoryIds.add(ch[0][j]);
        catFeat[at * 2] = (float) Math.log1p(ch[1][j]);
        catFeat[at * 2 + 1] = ch[2][j] / (1f + ch[2][j]);
        catMask[at] = 1f;
        catTarget[at] = ch[0][j] == longCategory ? 1f : 0f;
      }
    }
  }
}
