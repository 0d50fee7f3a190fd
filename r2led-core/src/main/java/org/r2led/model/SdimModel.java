package org.r2led.model;

import static org.r2led.config.ConfigKey.integer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.r2led.config.Config;
import org.r2led.config.ConfigKey;
import org.r2led.nn.DinAttention;
import org.r2led.nn.Param;
import org.r2led.nn.Scalars;
import org.r2led.nn.Step;
import org.r2led.retrieval.CollisionSelect;
import org.r2led.retrieval.SimHash;

/**
 * SDIM (Cao et al., 2022), hash-collision sampling. Each item's live ID embedding gets a SimHash
 * signature of {@code num_hashes · hash_bits} bits, read as {@code num_hashes} (m) hashes of
 * {@code hash_bits} (τ) bits. Retrieval ({@link CollisionSelect}): of the history capped at
 * {@code max_seq_len}, the most recent {@code topk} behaviors that collide with the target in at
 * least one hash, each flagged with the bitmask of its colliding hashes; O(T·m) per target (T the
 * capped history; O(m·topk) with per-user hash buckets). Refinement, no attention: per hash h the
 * L2-normalized sum of the tokens colliding in h, averaged over the m hashes (an empty hash gives
 * zero) → {@code u}; O(m·topk·d) per target. Output {@code MLP([h_v, u, h_v⊙u, u_short])} with the
 * short-term DIN over the last {@code short_seq_len} behaviors ({@code use_short_din}).
 *
 * <p>Signatures are refreshed for the item rows each step updates ({@link #afterUpdate}, training
 * thread) and saved with checkpoints (buffer {@code sdim_signatures}), so retrieval never reads the
 * parameters the optimizer writes and a resumed run retrieves as the uninterrupted one.
 */
public final class SdimModel extends TokenModel {
  public static final ConfigKey<Integer> NUM_HASHES =
      integer("num_hashes", 2, 1, CollisionSelect.MAX_HASHES, "SDIM: number of hash signatures m (num_hashes x hash_bits <= 64)");

  public static final ModelSpec SPEC = new ModelSpec("sdim",
      "SDIM: behaviors colliding with the target in num_hashes SimHash signatures, normalized sums averaged over hashes",
      ModelKeys.TOKENS.plus(ModelKeys.HEAD, ModelKeys.DIN_UNIT)
          .plus(ModelKeys.MAX_SEQ_LEN, ModelKeys.TOPK.withDefault(200), ModelKeys.SHORT_SEQ_LEN, ModelKeys.USE_SHORT_DIN,
              ModelKeys.HASH_BITS.withDefault(4), NUM_HASHES),
      SdimModel::new);

  /** Added to squared norms before the square root (zero sums stay zero, with finite gradients). */
  static final float NORM_EPS = 1e-12f;

  private final DinAttention shortDin;
  private final InterestHead head;
  private final SimHash hash;
  private final long[] signatures;
  private final int numHashes;
  private final int shortGroup;
  private final int shortLen;

  private SdimModel(ModelContext ctx) {
    super(ctx);
    Config c = ctx.config();
    int d = dim();
    this.numHashes = c.get(NUM_HASHES);
    int bits = c.get(ModelKeys.HASH_BITS);
    CollisionSelect.check(numHashes, bits);
    boolean useShort = c.get(ModelKeys.USE_SHORT_DIN);
    this.shortDin = useShort ? DinUnits.of(params(), "short_din", c, d) : null;
    this.head = new InterestHead(params(), c, (useShort ? 4 : 3) * d);
    Param items = encoder().embeddings().itemTable();
    this.hash = new SimHash(d, numHashes * bits, ctx.seed() * 7919L + 29);
    this.signatures = new long[items.rows()];
    hash.signAll(items.values(), d, signatures);
    params().buffer("sdim_signatures", signatures);
    int topk = c.get(ModelKeys.TOPK);
    int m = numHashes;
    ThreadLocal<int[]> posBuf = ThreadLocal.withInitial(() -> new int[topk]);
    ThreadLocal<byte[]> maskBuf = ThreadLocal.withInitial(() -> new byte[topk]);
    LongShortSelector selector = new LongShortSelector(c, 1, 0, (h, targetItem, targetCategory, targetTs, out) -> {
      int[] pos = posBuf.get();
      byte[] masks = maskBuf.get();
      int n = CollisionSelect.select(h.items(), 0, h.length(), signatures[targetItem], signatures, m, bits, topk, pos, masks);
      out.addAll(0, pos, masks, n);
    });
    this.shortGroup = selector.shortGroup();
    this.shortLen = useShort ? Math.min(c.get(ModelKeys.SHORT_SEQ_LEN), selector.layout().capacity()) : 0;
    select(selector);
  }

  /** The signature hash (for tests). */
  SimHash hash() { return hash; }

  @Override
  public NDArray forward(Step s, TokenBatch b) {
    TokenEncoder.Encoded x = encoder().encode(s, b);
    NDArray target = x.target();
    NDArray u = interest(s, x.tokens(0), b, numHashes);
    NDList parts = InterestHead.inputs(target, u);
    if (shortDin != null) { // the short group fills at most its first short_seq_len of the topk slots: attend to those only
      parts.add(shortDin.forward(s, target, x.tokens(shortGroup).get(":, 0:{}", shortLen),
          x.mask(shortGroup).get(":, 0:{}", shortLen)));
    }
    return head.logits(s, parts, b.size());
  }

  /**
   * SDIM's pooled interest {@code (B, d)} from the tokens of group 0 {@code (B, K, d)} and their
   * collision flags: {@code (1/m) Σ_h S_h / sqrt(|S_h|² + ε)} with {@code S_h} the sum of the tokens
   * whose flag has bit h (padding has flag 0).
   */
  static NDArray interest(Step s, NDArray tokens, TokenBatch b, int numHashes) {
    int n = b.size();
    int k = b.capacity;
    float[] w = new float[n * numHashes * k];
    for (int j = 0; j < n; j++) {
      for (int q = 0; q < k; q++) {
        int o = b.token(0, j, q);
        if (b.tokMask[o] == 0f) continue;
        int flag = b.tokFlag[o];
        for (int h = 0; h < numHashes; h++) if (((flag >> h) & 1) != 0) w[(j * numHashes + h) * k + q] = 1f;
      }
    }
    NDArray sums = s.floats(w, n, numHashes, k).matMul(tokens);                   // (B,m,d)
    NDArray norms = Scalars.add(sums.mul(sums).sum(new int[] {-1}, true), NORM_EPS).sqrt(); // (B,m,1)
    return Scalars.div(sums.div(norms).sum(new int[] {1}), numHashes);            // (B,d)
  }

  @Override
  public void afterUpdate(Param table, int[] rows, int count) {
    if (table == encoder().embeddings().itemTable()) hash.signRows(table.values(), dim(), rows, count, signatures);
  }
}
