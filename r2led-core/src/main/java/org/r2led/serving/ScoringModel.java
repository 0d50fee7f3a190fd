package org.r2led.serving;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.r2led.config.Config;
import org.r2led.data.Ids;
import org.r2led.model.CheckpointFile;
import org.r2led.model.CtrModel;
import org.r2led.model.HistorySamples;
import org.r2led.model.ModelConfig;
import org.r2led.model.ModelRegistry;
import org.r2led.model.ModelSpec;
import org.r2led.model.TokenBatch;
import org.r2led.nn.Profile;
import org.r2led.sid.SidTable;

/**
 * A trained model loaded from an exported model directory ({@code r2led export}), scoring candidates
 * against a user's history in-process. It runs the same batch building, retrieval and forward pass as
 * {@code evaluate}: a request becomes a {@link DenseQuery} (dense ids) and then one batch through the
 * model's {@code prepare} and {@code probabilities}.
 *
 * <pre>{@code
 * ScoringModel m = ScoringModel.load(Path.of("out/model"));
 * UserHistory h = new UserHistory(new String[] {"i12", "i40"}, new long[] {1700000000, 1700000300},
 *     new String[] {"pv", "buy"}, null);
 * float[] p = m.score(h, List.of("i7", "i12", "new-item"));   // one probability per candidate
 * }</pre>
 *
 * <p>Fallbacks: an unknown user is an empty history ({@link UserHistory#empty()}). An unknown item id
 * (in the history or among the candidates) becomes the out-of-vocabulary item 0, the padding row,
 * with the category given for it, else category 0; its SID codes are the padding codes 0. An unknown
 * behavior name is code 0. An unknown id that is not a valid id at all ({@link Ids}: an unpaired
 * surrogate, a control character, over 1,024 bytes, null) is an IllegalArgumentException naming the
 * event or candidate, never an out-of-vocabulary row. History events are sorted by timestamp (stably) and all of them are passed
 * on; each model reads the most recent ones its window allows (e.g. {@code max_seq_len}).
 *
 * <p>Loading changes nothing process-wide. An application that scores at a high rate may call
 * {@link org.r2led.nn.NativeMemory#retainFreedMemory()} once at startup (the CLI and the server do) so
 * that the C allocator reuses freed tensor memory in place.
 *
 * <p>Threading: thread-safe. Batch preparation keeps its buffers in thread-locals, parameters are read
 * only, and every call runs its forward pass in its own evaluation step (own NDManager), so concurrent
 * calls run in parallel without a lock.
 */
public final class ScoringModel {
  private final Path dir;
  private final ModelManifest manifest;
  private final Vocabulary vocab;
  private final CtrModel model;

  /**
   * One scoring request.
   *
   * @param history the user's events (empty for an unknown user)
   * @param candidates raw item ids to score, N ≥ 0
   * @param candidateCategories raw category names per candidate (used when known), or null
   * @param time request time in Unix seconds, at or after the last event; null: 1 s after the last
   *     event (the current time for an empty history)
   */
  public record Request(UserHistory history, List<String> candidates, List<String> candidateCategories, Long time) {
    public Request {
      if (history == null || candidates == null) throw new IllegalArgumentException("a request needs a history and candidates");
      if (candidateCategories != null && candidateCategories.size() != candidates.size()) {
        throw new IllegalArgumentException(candidates.size() + " candidates but " + candidateCategories.size() + " candidate categories");
      }
    }
  }

  private ScoringModel(Path dir, ModelManifest manifest, Vocabulary vocab, CtrModel model) {
    this.dir = dir;
    this.manifest = manifest;
    this.vocab = vocab;
    this.model = model;
  }

  /**
   * Loads {@code dir}: checks the format version and every file's sha256 (failing with a message
   * naming the missing or damaged file), then builds the model from its config and vocabulary and
   * loads its parameters. Reads nothing outside {@code dir}; reads of {@code config.yaml} only the
   * model's keys (the training loop's are the trainer's). Changes no process-wide setting.
   */
  public static ScoringModel load(Path dir) { return load(dir, ModelRegistry.builtIn()); }

  /** {@link #load(Path)} for a model whose name resolves in {@code models} (e.g. an application's own model). */
  public static ScoringModel load(Path dir, ModelRegistry models) {
    ModelManifest m = ModelManifest.read(dir);
    m.verifyFiles(dir);
    Config.Builder settings = Config.builder().file(dir.resolve(ModelManifest.CONFIG));
    ModelSpec spec = ModelConfig.spec(settings, models);
    if (!spec.name().equals(m.model())) {
      throw new IllegalArgumentException("model " + dir + ": " + ModelManifest.CONFIG + " names model '" + spec.name()
          + "' but " + ModelManifest.FILE + " says '" + m.model() + "'");
    }
    SidTable sids = m.hasSids() ? SidTable.load(dir.resolve(ModelManifest.SIDS)) : null;
    Vocabulary vocab = Vocabulary.load(dir, m);
    CtrModel model = ModelConfig.create(spec, ModelConfig.modelPart(settings, spec), vocab.modelData(), sids);
    CheckpointFile.readParams(dir.resolve(ModelManifest.PARAMS), model.params());
    model.afterLoad();
    model.freeze();
    return new ScoringModel(dir, m, vocab, model);
  }

  public Path dir() { return dir; }

  public ModelManifest manifest() { return manifest; }

  /** {@link ModelManifest#modelId()}: identifies the model's content. */
  public String modelId() { return manifest.modelId(); }

  public Vocabulary vocabulary() { return vocab; }

  /**
   * The most recent events of a history the model reads: scoring the
   * last {@code historyWindow()} events of a longer history gives the same probabilities.
   */
  public int historyWindow() { return model.historyWindow(); }

  /** Click probabilities of {@code candidates} for {@code history} at 1 s after its last event; one per candidate, in order. */
  public float[] score(UserHistory history, List<String> candidates) {
    return score(new Request(history, candidates, null, null));
  }

  /** Click probabilities of one request's candidates, in order (one forward pass). */
  public float[] score(Request request) { return scoreAll(List.of(request))[0]; }

  /** Click probabilities of several requests in one forward pass: entry r holds request r's, in candidate order. */
  public float[][] scoreAll(List<Request> requests) {
    long t0 = Profile.start();
    List<DenseQuery> queries = new ArrayList<>(requests.size());
    for (Request r : requests) queries.add(query(r));
    Profile.stop("score.query", t0);
    float[] flat = scoreDense(queries);
    float[][] out = new float[requests.size()][];
    int at = 0;
    for (int r = 0; r < out.length; r++) {
      int n = queries.get(r).targets().length;
      out[r] = Arrays.copyOfRange(flat, at, at + n);
      at += n;
    }
    return out;
  }

  /** Click probabilities of dense queries (ids already mapped), all targets in order, one forward pass. */
  public float[] scoreDense(List<DenseQuery> queries) {
    List<HistorySamples.Query> dense = new ArrayList<>(queries.size());
    for (DenseQuery q : queries) dense.add(q.toSamples());
    HistorySamples samples = new HistorySamples(dense);
    if (samples.size() == 0) return new float[0];
    long t0 = Profile.start();
    TokenBatch batch = model.prepare(samples);
    Profile.stop("score.prepare", t0);
    t0 = Profile.start();
    float[] p = model.probabilities(batch);
    Profile.stop("score.forward", t0);
    return p;
  }

  /**
   * A request in dense ids (see the class comment for the fallbacks), holding the most recent
   * {@link #historyWindow()} events of its history (in time order): the model reads no others.
   */
  public DenseQuery query(Request r) {
    UserHistory h = r.history();
    int[] order = timeOrder(h.timestamps());
    int skip = Math.max(0, h.length() - model.historyWindow());  // older events the model does not read
    int t = h.length() - skip;
    int[] items = new int[t];
    int[] cats = new int[t];
    int[] behs = new int[t];
    long[] ts = new long[t];
    int defaultBehavior = manifest.behaviors().isEmpty() ? 0 : 1;
    for (int i = 0; i < t; i++) {
      int e = order[skip + i];
      items[i] = known(vocab.item(h.items()[e]), h.items()[e], "history event " + e + ": item id");
      cats[i] = category(items[i], h.categories() == null ? null : h.categories()[e], "history event " + e);
      if (h.behaviors() == null) {
        behs[i] = defaultBehavior;
      } else {
        String b = h.behaviors()[e];
        behs[i] = b == null ? 0 : known(vocab.behavior(b), b, "history event " + e + ": behavior");
      }
      ts[i] = h.timestamps()[e];
    }
    int n = r.candidates().size();
    int[] targets = new int[n];
    int[] targetCats = new int[n];
    for (int j = 0; j < n; j++) {
      targets[j] = known(vocab.item(r.candidates().get(j)), r.candidates().get(j), "candidate " + j + ": item id");
      targetCats[j] = category(targets[j], r.candidateCategories() == null ? null : r.candidateCategories().get(j), "candidate " + j);
    }
    long time = r.time() != null ? r.time() : t > 0 ? ts[t - 1] + 1 : System.currentTimeMillis() / 1000;
    if (t > 0 && time < ts[t - 1]) {
      throw new IllegalArgumentException("request time " + time + " s is before the last history event (" + ts[t - 1] + " s)");
    }
    return new DenseQuery(items, cats, behs, ts, targets, targetCats, time);
  }

  /** The given category when the model knows it, else the item's own (0 for an unknown item). */
  private int category(int item, String given, String where) {
    int c = vocab.category(given);
    if (c == 0 && given != null) Ids.require(given, where + ": category");
    return c != 0 ? c : vocab.itemCategory(item);
  }

  /**
   * {@code dense} when the model knows the id (it was valid when the model was built); an unknown id
   * must still be a valid id ({@link Ids}) to fall back to code 0, so a malformed id is an error,
   * never a silent out-of-vocabulary row. Only unknown ids are checked: the common path costs nothing.
   */
  private static int known(int dense, String raw, String what) {
    if (dense == 0) Ids.require(raw, what);
    return dense;
  }

  /** Event indices in timestamp order, stable (the identity when already ordered). */
  private static int[] timeOrder(long[] ts) {
    int t = ts.length;
    boolean sorted = true;
    for (int i = 1; i < t && sorted; i++) sorted = ts[i] >= ts[i - 1];
    if (sorted) {
      int[] id = new int[t];
      for (int i = 0; i < t; i++) id[i] = i;
      return id;
    }
    Integer[] boxed = new Integer[t];
    for (int i = 0; i < t; i++) boxed[i] = i;
    Arrays.sort(boxed, (a, b) -> Long.compare(ts[a], ts[b]));
    return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
  }
}
