package org.r2led.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.r2led.data.PreparedDataset;
import org.r2led.io.InPlaceDir;
import org.r2led.io.StagedDir;
import org.r2led.model.HistorySamples;
import org.r2led.model.ModelRegistry;
import org.r2led.model.ModelSpec;
import org.r2led.sid.SidTable;
import org.r2led.train.Convergence;
import org.r2led.train.TrainKeys;
import org.r2led.train.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code r2led bench models}: trains every requested model under the same budget
 * ({@link GridSearch}), resumably ({@link CellRunner}), then times scoring ({@link ScoringBench})
 * and writes {@code results.csv}, {@code results.md}, {@code results.json} and the charts
 * ({@link BenchOutputs}). Works for any registered model name.
 *
 * <p>The output directory is of kind {@link #KIND}: written in place under its lock ({@link InPlaceDir}),
 * so finished cells are reused after a kill or a rerun, and marked before the first cell. A non-empty
 * directory that is not bench output (a folder of the user's files, a dataset, any other kind), or a
 * bench folder holding a file of one of the benchmark's names that it did not write, is refused
 * before anything is written; nothing the benchmark did not write is deleted or overwritten.
 */
public final class ModelBench {
  private static final Logger LOG = LoggerFactory.getLogger(ModelBench.class);
  private ModelBench() {}

  /** What a benchmark writes into its directory. */
  private static final List<String> WRITES = List.of(BenchOutputs.CSV, BenchOutputs.MARKDOWN, BenchOutputs.JSON,
      BenchOutputs.AUC_CHART, BenchOutputs.LATENCY_CHART, "runs/");

  /** Top-level entries of a benchmark directory. */
  private static final Set<String> OWN = Set.of(BenchOutputs.CSV, BenchOutputs.MARKDOWN, BenchOutputs.JSON,
      BenchOutputs.AUC_CHART, BenchOutputs.LATENCY_CHART, "runs", StagedDir.MARKER);

  /**
   * The output kind of {@code bench models}; a benchmark of an earlier version (unmarked) is
   * recognised by its {@code runs/} directory and nothing but benchmark files (and temp files) beside it.
   */
  public static final StagedDir.Kind KIND = new StagedDir.Kind("bench", dir -> {
    try (Stream<Path> s = Files.list(dir)) {
      return Files.isDirectory(dir.resolve("runs"))
          && s.map(p -> p.getFileName().toString()).allMatch(n -> OWN.contains(n) || n.endsWith(".tmp"));
    } catch (IOException e) {
      return false;
    }
  });

  /** Runs the benchmark and writes its outputs into {@code req.out()}. */
  public static BenchResult run(BenchRequest req) {
    // one bench per output directory; its cells are resumable, so it is locked and marked, not staged
    try (InPlaceDir out = InPlaceDir.open(req.out(), KIND, OWN::contains, WRITES)) {
      return runLocked(req, out);
    }
  }

  private static BenchResult runLocked(BenchRequest req, InPlaceDir out) {
    long t0 = System.nanoTime();
    PreparedDataset ds = PreparedDataset.open(req.data());
    String fp = ds.manifest().fingerprint();
    SidTable sids = req.sids() == null ? null : SidTable.load(req.sids(), fp);
    validate(req, ds, sids);
    out.mark();
    out.claim("runs/");
    int trainingThreads = IntraOpThreads.current();

    int perModel = req.grid().settings().size() + req.seeds() - 1;
    BenchProgress progress = new BenchProgress(perModel * req.models().size(), toTrain(req));
    CellRunner runner = new CellRunner(req.data(), req.sids(), fp, req.out().resolve("runs").resolve("results.tsv"), req.progress(),
        req.maxEpochs());
    List<ModelRuns> runs = new ArrayList<>();
    for (String model : req.models()) {
      runs.add(GridSearch.run(req.out(), model, req.grid(), req.seeds(), req.settings(), c -> progress.run(c, runner)));
    }
    progress.finish();

    LOG.info(String.format(Locale.ROOT, "bench: timing scoring (%d intra-op thread%s; %d candidates per history)", req.latencyThreads(),
        req.latencyThreads() == 1 ? "" : "s", req.candidates()));
    HistorySamples.Query typical = ScoringInputs.typical(ds, req.candidates());
    List<ModelFigures> figures = new ArrayList<>();
    for (ModelRuns mr : runs) {
      ScoringBench.Trained t = ScoringBench.trained(ds, sids, mr.chosenTrial().cell().runDir(), typical, req.latencyRepeats(),
          req.latencyThreads());
      LOG.info(String.format(Locale.ROOT, "  %s: %.1f µs/target @1, %.1f µs/target @%d (history of %,d events)", mr.model(),
          t.one().microsPerTarget(), t.many().microsPerTarget(), req.candidates(), t.historyEvents()));
      List<String> o = new ArrayList<>(mr.chosen().overrides());
      o.addAll(req.settings());
      o.add("seed=1");
      List<ScoringBench.Point> sweep = ScoringBench.sweep(ds, sids, mr.model(), o, req.latencyLengths(), req.candidates(),
          req.latencyRepeats(), req.latencyThreads());
      figures.add(ModelFigures.of(mr, t, sweep));
    }
    BenchResult result = new BenchResult(req, fp, runs, figures, progress.counts(), req.latencyThreads(), trainingThreads,
        (System.nanoTime() - t0) / 1e9);
    BenchOutputs.write(result, out);
    return result;
  }

  /**
   * Fails before any training when a model is unknown, a grid or {@code --set} key is neither a
   * training key nor one of the model's keys, a key is both in the grid and in {@code --set}, a
   * value is invalid, {@code epochs} is a grid key (the bench extends it), a setting's epoch limit
   * ({@code epochs}, raised by {@code min_steps}) exceeds {@code --max-epochs}, or a model cannot be
   * built (e.g. it needs SIDs and none were given).
   */
  static void validate(BenchRequest req, PreparedDataset ds, SidTable sids) {
    Set<String> setKeys = new TreeSet<>();
    for (String s : req.settings()) {
      int eq = s.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("--set expects key=value, got '" + s + "'");
      String k = s.substring(0, eq).trim();
      if (k.equals("model") || k.equals("seed")) {
        throw new IllegalArgumentException("--set cannot set '" + k + "' in a benchmark: it chooses models (--models) and seeds (--seeds)");
      }
      setKeys.add(k);
    }
    for (String k : req.grid().keys()) {
      if (k.equals(TrainKeys.EPOCHS.name())) {
        throw new IllegalArgumentException("--grid cannot search 'epochs': the bench trains every run until early stopping ends it "
            + "(or --max-epochs); set the starting limit with --set epochs=N");
      }
      if (setKeys.contains(k)) throw new IllegalArgumentException("key '" + k + "' is both in --grid and in --set; keep one");
    }
    for (String model : req.models()) {
      ModelSpec spec = ModelRegistry.builtIn().spec(model);
      check(spec, req.grid().keys(), "--grid");
      check(spec, setKeys, "--set");
      TrainKeys.Resolved first = null;
      for (Grid.Setting s : req.grid().settings()) {
        TrainKeys.Resolved r = TrainKeys.resolve(model, Cell.of(req.out(), model, s, 1, req.settings()).overrides());
        if (first == null) first = r;
        int limit = Convergence.epochLimit(r.config().get(TrainKeys.EPOCHS), r.config().get(TrainKeys.MIN_STEPS),
            Trainer.stepsPerEpoch(r.config(), ds));
        if (limit > req.maxEpochs()) {
          throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s [%s]: epochs=%d with min_steps=%d means %d "
              + "epochs, more than --max-epochs %d; raise --max-epochs or lower them", model, s.label(), r.config().get(TrainKeys.EPOCHS),
              r.config().get(TrainKeys.MIN_STEPS), limit, req.maxEpochs()));
        }
      }
      first.create(ds, sids);
    }
  }

  private static void check(ModelSpec spec, Set<String> keys, String where) {
    for (String k : keys) {
      if (!TrainKeys.ALL.contains(k) && !spec.keys().contains(k)) {
        throw new IllegalArgumentException(where + " key '" + k + "' is not a key of model '" + spec.name() + "' (only training keys "
            + "apply to every model; " + spec.name() + " reads: " + String.join(", ", spec.keys().names()) + ")");
      }
    }
  }

  /**
   * Cells expected to need training: seed-1 cells without {@code metrics.json}, and seeds 2..N
   * without it at the setting the finished seed-1 cells already choose (all N−1 when the choice is
   * still open).
   */
  static int toTrain(BenchRequest req) {
    int n = 0;
    for (String model : req.models()) {
      List<Cell> trials = GridSearch.trialCells(req.out(), model, req.grid(), req.settings());
      boolean allDone = true;
      for (Cell c : trials) {
        if (!CellRunner.done(c)) {
          n++;
          allDone = false;
        }
      }
      if (!allDone) {
        n += req.seeds() - 1;
        continue;
      }
      List<CellResult> rs = new ArrayList<>();
      for (Cell c : trials) rs.add(new CellResult(c, RunDirs.read(c.runDir()), CellResult.Outcome.REUSED));
      Grid.Setting chosen = trials.get(GridSearch.choose(rs)).setting();
      for (Cell c : GridSearch.seedCells(req.out(), model, chosen, req.seeds(), req.settings())) if (!CellRunner.done(c)) n++;
    }
    return n;
  }

  /** The output directory's files (for messages). */
  public static List<Path> outputs(Path out) {
    return List.of(out.resolve(BenchOutputs.CSV), out.resolve(BenchOutputs.MARKDOWN), out.resolve(BenchOutputs.JSON),
        out.resolve(BenchOutputs.AUC_CHART), out.resolve(BenchOutputs.LATENCY_CHART));
  }
}
