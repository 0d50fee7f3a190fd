package org.r2led.recall.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import java.util.List;
import java.util.SplittableRandom;
import org.r2led.nextitem.NextItemData;
import org.r2led.nextitem.NextItemExample;
import org.r2led.nn.Gather;
import org.r2led.nn.Masks;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Step;
import org.r2led.config.Config;
import org.r2led.recall.RecallKeys;
import org.r2led.recall.Retriever;
import org.r2led.recall.ann.CatalogIndex;

/**
 * Base of the neural retrieval models: an item table {@code (numItems+1, d+1)} whose last column is a
 * learned item bias (so a user vector {@code [u; 1]} scores {@code u·e_i + b_i} as one inner product,
 * searchable by maximum-inner-product ANN), a category table {@code (numCategories+1, d)}, batch
 * building, sampled softmax, and the item index built after training.
 */
public abstract class NeuralRecall implements Retriever {
  protected final Config cfg;
  protected final int dim;
  protected final int numItems;
  protected final int numCategories;
  protected final int[] itemCategory;
  protected final ParamStore store;
  protected final Param item;
  protected final Param category;
  protected final NegativeSampler sampler;
  private volatile CatalogIndex index;

  protected NeuralRecall(NextItemData data, Config cfg) {
    this.cfg = cfg;
    this.dim = cfg.get(RecallKeys.EMBEDDING_DIM);
    this.numItems = data.numItems();
    this.numCategories = data.numCategories();
    this.itemCategory = data.itemCategories();
    this.store = new ParamStore(cfg.get(RecallKeys.SEED));
    this.item = store.embedding("item", numItems + 1, dim + 1, 0.05);
    this.category = store.embedding("category", numCategories + 1, dim, 0.05);
    this.sampler = new NegativeSampler(numItems, data.itemsByCategory());
  }

  public ParamStore params() { return store; }

  /** The batch layout this model reads. */
  protected abstract RecallBatch.Shape shape();

  /** Training loss (scalar) of a batch. */
  protected abstract NDArray loss(Step s, RecallBatch b, Rows rows);

  /** Builds a training batch. */
  public RecallBatch trainingBatch(List<NextItemExample> examples, SplittableRandom rnd) {
    return RecallBatch.training(examples, shape(), sampler, rnd);
  }

  /** The loss of a batch in step {@code s} (gathers the rows it needs). */
  public NDArray loss(Step s, RecallBatch b) { return loss(s, b, new Rows(s, b)); }

  /** The gathered rows of one step. */
  public final class Rows {
    public final NDArray items;
    public final NDArray categories;
    final Step step;

    public Rows(Step s, RecallBatch b) {
      this.step = s;
      this.items = s.rows(item, b.itemIds);
      this.categories = s.rows(category, b.categoryIds);
    }

    /** Item input embeddings {@code (shape..., d)} (the table without its bias column). */
    public NDArray itemEmb(int[] pos, long... shape) {
      return Gather.rows(step, items, step.ints(pos, shape)).get("..., 0:" + dim);
    }

    /** Item output rows with bias {@code (shape..., d+1)}. */
    public NDArray itemOut(int[] pos, long... shape) { return Gather.rows(step, items, step.ints(pos, shape)); }

    public NDArray catEmb(int[] pos, long... shape) { return Gather.rows(step, categories, step.ints(pos, shape)); }
  }

  /** {@code [u; 1]}: {@code (B, d)} → {@code (B, d+1)}. */
  protected static NDArray withBias(NDArray u) {
    long b = u.getShape().get(0);
    return NDArrays.concat(new ai.djl.ndarray.NDList(u, u.getManager().ones(new ai.djl.ndarray.types.Shape(b, 1))), 1);
  }

  /**
   * Sampled softmax {@code −log softmax([u·pos, u·neg_1..])[0]}, mean over rows.
   *
   * @param user {@code (B, d+1)} (with the 1 appended)
   * @param pos {@code (B, d+1)}
   * @param perRowNeg {@code (B, S, d+1)} or null
   * @param perRowMask {@code (B, S)} 1 = valid negative
   * @param sharedNeg {@code (S2, d+1)} or null
   * @param sharedMask {@code (B, S2)}
   */
  protected static NDArray sampledSoftmax(Step s, NDArray user, NDArray pos, NDArray perRowNeg, float[] perRowMask,
      NDArray sharedNeg, float[] sharedMask) {
    long b = user.getShape().get(0);
    NDArray logits = user.mul(pos).sum(new int[] {1}, true);                            // (B,1)
    if (perRowNeg != null) {
      long n = perRowNeg.getShape().get(1);
      NDArray l = perRowNeg.matMul(user.expandDims(-1)).reshape(b, n);
      logits = logits.concat(l.add(Masks.additive(s.floats(perRowMask, b, n))), 1);
    }
    if (sharedNeg != null) {
      long n = sharedNeg.getShape().get(0);
      NDArray l = user.matMul(sharedNeg.transpose());
      logits = logits.concat(l.add(Masks.additive(s.floats(sharedMask, b, n))), 1);
    }
    return logits.logSoftmax(1).get(":, 0").neg().mean();
  }

  /** Called after training or loading: builds the item search index from the current item table. */
  public void afterTraining() {
    index = new CatalogIndex(item.values().clone(), dim + 1, itemCategory, numCategories, RecallKeys.hnsw(cfg), cfg.get(RecallKeys.EXACT_SEARCH));
  }

  /** Rebuilds the index with exact search or HNSW (for the ANN-vs-exact check). */
  public CatalogIndex buildIndex(boolean exact) {
    return new CatalogIndex(item.values().clone(), dim + 1, itemCategory, numCategories, RecallKeys.hnsw(cfg), exact);
  }

  protected CatalogIndex index() {
    CatalogIndex i = index;
    if (i == null) throw new IllegalStateException(name() + ": item index not built (call afterTraining())");
    return i;
  }

  /** Replaces the search index (e.g. exact vs HNSW comparisons). */
  public void useIndex(CatalogIndex i) { this.index = i; }

  /** {@code [v; 1]} of a Java vector. */
  protected static float[] query(float[] v, int off, int d) {
    float[] q = new float[d + 1];
    System.arraycopy(v, off, q, 0, d);
    q[d] = 1f;
    return q;
  }
}
