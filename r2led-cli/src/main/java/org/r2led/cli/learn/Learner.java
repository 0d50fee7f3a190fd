package org.r2led.cli.learn;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.r2led.cli.Main;
import org.r2led.io.DirLock;
import org.r2led.io.FileTrees;
import org.r2led.io.Json;
import org.r2led.serving.ModelManifest;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.store.EventStore;
import org.r2led.serving.store.IdBase;
import org.r2led.serving.store.Impression;
import org.r2led.serving.store.StoreSamples;
import org.r2led.train.ModelExporter;

/**
 * One learning cycle over {@code WORK}: the store's labeled impressions since the last cycle → samples (ids of
 * the current model, grown for new items) → warm-start training on all but the latest {@code evalShare} of them
 * → candidate exported to {@code WORK/versions/vN} → candidate and current scored on that latest window →
 * promoted iff candidate AUC ≥ current AUC − margin (state.json replaced atomically, then the service reloads).
 *
 * <p>Crash safety: before the atomic {@code state.json} switch a cycle writes only in {@code WORK/cycle} and in a
 * version directory the state does not name; a cycle first deletes both kinds of leftovers, so a killed cycle
 * leaves the promoted model in place and the next one redoes the same window. One learner at a time works in
 * {@code WORK} ({@link DirLock}: a second one fails at once naming the holder's PID). The steps of a cycle
 * ({@link Step}) are reported to a {@link StepListener} as they complete (crash tests kill the learner there).
 */
public final class Learner {
  /** Share of the window's labeled impressions (the latest before the evaluation window) used for early stopping. */
  static final double VALID_SHARE = 0.1;

  /** The steps of a cycle, in order; a cycle that ends early (skipped, rejected) reports only the steps it reached. */
  public enum Step {
    /** {@code WORK} is locked. */
    LOCKED,
    /** Leftovers of an interrupted cycle are deleted and a pending reload retried. */
    CLEANED,
    /** The window's samples are written to {@code WORK/cycle/samples}. */
    SAMPLES,
    /** SIDs for the grown catalog are written to {@code WORK/cycle/sids} (models with Semantic IDs only). */
    SIDS,
    /** The warm start has trained {@code WORK/cycle/run}. */
    TRAINED,
    /** The candidate is exported to {@code WORK/versions/vN}, which the state does not name yet. */
    EXPORTED,
    /** Candidate and current are scored on the evaluation window. */
    EVALUATED,
    /** A rejection is recorded in {@code state.json} (the candidate directory not yet deleted). */
    REJECTED,
    /** The promotion is recorded in {@code state.json}, marked reload-pending. */
    PROMOTED,
    /** The service answered the reload (or there is none) and the state says so. */
    RELOADED,
    /** The cycle's line is appended to {@code cycles.jsonl} (not yet reported to the service). */
    RECORDED
  }

  /** Told each {@link Step} a cycle completes, on the learner's thread. */
  @FunctionalInterface
  public interface StepListener {
    void reached(Step step);
  }

  /**
   * What a cycle does.
   *
   * @param items catalog of item texts for new items ({@link ItemCatalog}), or null
   * @param reloader the service to reload after a promotion and to report each cycle to, or null
   * @param margin a candidate is promoted iff its AUC ≥ the current model's AUC − margin
   * @param keep versions kept (the current one included), ≥ 1
   * @param evalShare share of the latest labeled impressions in the evaluation window, in (0, 0.9)
   * @param minSamples fewest shown items, {@code minPositives} fewest clicks, a window needs to be learned
   * @param trainSets {@code key=value} config overrides for the warm start (e.g. {@code epochs=2})
   */
  public record Settings(Path store, Path model, Path work, Path items, Reloader reloader, double margin, int keep, double evalShare,
      int minSamples, int minPositives, List<String> trainSets) {
    public Settings {
      if (keep < 1) throw new IllegalArgumentException("--keep must be at least 1, got " + keep);
      if (!(evalShare > 0 && evalShare + VALID_SHARE < 1)) {
        throw new IllegalArgumentException("--eval-share must be in (0, " + (1 - VALID_SHARE) + "), got " + evalShare);
      }
      trainSets = List.copyOf(trainSets);
    }
  }

  /** One JSON object per line. */
  private static final ObjectWriter LINE = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  private final Settings s;
  private final StepListener steps;

  public Learner(Settings s) { this(s, step -> { }); }

  public Learner(Settings s, StepListener steps) {
    this.s = s;
    this.steps = steps;
  }

  /** Runs one cycle over the impressions in {@code [trainedThrough, now)}; returns its record (also appended to cycles.jsonl). */
  public CycleRecord cycle(long now) {
    CycleRecord r;
    try (DirLock lock = DirLock.acquire(s.work())) {
      steps.reached(Step.LOCKED);
      r = lockedCycle(now);
    }
    if (s.reloader() != null) {
      String error = s.reloader().report(r.json());
      if (!error.isEmpty()) System.err.println("r2led learn: " + error + " (the cycle is in " + s.work().resolve(CycleRecord.FILE) + ")");
    }
    return r;
  }

  private CycleRecord lockedCycle(long now) {
    long t0 = System.nanoTime();
    Path work = s.work();
    LearnState state = LearnState.read(work, s.model());
    cleanLeftovers(state);
    state = retryReload(state);
    steps.reached(Step.CLEANED);
    long from = state.trainedThrough();
    CycleRecord.Builder rec = new CycleRecord.Builder(from, now, state.current());
    if (from >= now) return finish(rec.skip("the window [" + from + ", " + now + ") is empty"), t0);
    Path cycleDir = work.resolve("cycle");
    try (EventStore store = EventStore.openForReading(s.store())) {
      List<Impression> all = WindowEvaluation.impressions(store, from, now);
      int samples = 0;
      int positives = 0;
      for (Impression m : all) {
        samples += m.items().size();
        for (int k = 0; k < m.items().size(); k++) positives += m.label(k);
      }
      rec.window(all.size(), samples, positives);
      if (samples < s.minSamples() || positives < s.minPositives()) {
        return finish(rec.skip(samples + " samples and " + positives + " positives; a cycle needs at least " + s.minSamples()
            + " and " + s.minPositives()), t0);
      }
      Path current = state.currentDir(work);
      StoreSamples.Summary sum = StoreSamples.write(store, IdBase.ofModel(current),
          new StoreSamples.Settings(from, now, VALID_SHARE, s.evalShare()), s.items() == null ? Map.of() : ItemCatalog.texts(s.items()),
          cycleDir.resolve("samples"));
      List<Impression> eval = all.stream().filter(m -> m.ts() >= sum.testFrom()).toList();
      rec.split(sum.testFrom(), sum.samples(), sum.newItems());
      steps.reached(Step.SAMPLES);
      if (!bothClasses(eval)) return finish(rec.skip("the evaluation window holds one class only"), t0);
      train(current, cycleDir);
      steps.reached(Step.TRAINED);
      String version = "v" + state.nextVersion();
      Path candidateDir = state.dir(work, version);
      ModelExporter.export(cycleDir.resolve("run"), candidateDir);
      steps.reached(Step.EXPORTED);
      WindowEvaluation.Result cand = WindowEvaluation.evaluate(ScoringModel.load(candidateDir), store, eval);
      WindowEvaluation.Result cur = WindowEvaluation.evaluate(ScoringModel.load(current), store, eval);
      rec.scores(version, cand, cur);
      steps.reached(Step.EVALUATED);
      if (cand.auc() >= cur.auc() - s.margin()) {
        LearnState next = state.promote(version, now, s.keep(), s.reloader() != null);
        next.write(work);
        steps.reached(Step.PROMOTED);
        dropVersions(state, next);
        next = reload(next);
        steps.reached(Step.RELOADED);
        return finish(rec.decide(next.reloadPending() ? "promoted-not-loaded" : "promoted"), t0);
      }
      state.refuse(now).write(work);
      steps.reached(Step.REJECTED);
      FileTrees.delete(candidateDir);
      return finish(rec.decide("rejected"), t0);
    } catch (IOException e) {
      throw new UncheckedIOException("learn cycle in " + work + " failed", e);
    } finally {
      deleteQuietly(cycleDir);
    }
  }

  /** Sets the current version to {@code version} (default: the one before the current) and reloads the service. */
  public LearnState rollback(String version) {
    try (DirLock lock = DirLock.acquire(s.work())) {
      return lockedRollback(version);
    }
  }

  private LearnState lockedRollback(String version) {
    Path work = s.work();
    LearnState state = LearnState.read(work, s.model());
    String to = version;
    if (to == null) {
      int i = state.versions().indexOf(state.current());
      if (i <= 0) throw new IllegalArgumentException("no version before " + state.current() + " is kept in " + work + ": " + state.versions());
      to = state.versions().get(i - 1);
    }
    if (!state.versions().contains(to)) {
      throw new IllegalArgumentException("--to " + to + " is not a kept version of " + work + "; kept: " + state.versions());
    }
    LearnState next = state.withCurrent(to, s.reloader() != null);
    next.write(work);
    return reload(next);
  }

  /**
   * Warm-starts {@code init} on the cycle's samples into {@code WORK/cycle/run}. A model with Semantic IDs first gets
   * SIDs for the samples' catalog from its own ({@code sid extend}: known items keep their codes, new ones are coded
   * with the saved codebooks or, without text, take the documented fallback code).
   */
  private void train(Path init, Path cycleDir) {
    String samples = cycleDir.resolve("samples").toString();
    List<String> args = new ArrayList<>(List.of("train", "--data", samples, "--init-from", init.toString(), "--out",
        cycleDir.resolve("run").toString(), "--ledger", cycleDir.resolve("results.tsv").toString(), "--no-progress"));
    Path sids = init.resolve(ModelManifest.SIDS);
    if (Files.isDirectory(sids)) {
      String extended = cycleDir.resolve("sids").toString();
      run(List.of("sid", "extend", "--sids", sids.toString(), "--from-data", init.toString(), "--data", samples, "--out", extended));
      steps.reached(Step.SIDS);
      args.addAll(List.of("--sids", extended));
    }
    for (String kv : s.trainSets()) args.addAll(List.of("--set", kv));
    run(args);
  }

  /** Runs an {@code r2led} command in this JVM; a failure names the command. */
  private static void run(List<String> args) {
    int code = Main.commandLine().execute(args.toArray(new String[0]));
    if (code != 0) throw new IllegalStateException("learn: `r2led " + String.join(" ", args) + "` failed (exit " + code + ")");
  }

  private LearnState retryReload(LearnState state) {
    return state.reloadPending() && s.reloader() != null ? reload(state) : state;
  }

  /**
   * Reloads the service with the current version; the state records whether it did (a promotion is written as
   * pending first, so a learner killed before the reload answered retries it).
   */
  private LearnState reload(LearnState state) {
    if (s.reloader() == null) return state;
    String error = s.reloader().reload(state.currentDir(s.work()));
    if (!error.isEmpty()) System.err.println("r2led learn: " + error + " (the next cycle retries)");
    LearnState next = state.withReloadPending(!error.isEmpty());
    if (next.reloadPending() != state.reloadPending()) next.write(s.work());
    return next;
  }

  /** Deletes the cycle directory, version directories the state does not keep and temporary files of an interrupted cycle. */
  private void cleanLeftovers(LearnState state) {
    deleteQuietly(s.work().resolve("cycle"));
    Path versions = s.work().resolve("versions");
    try {
      Files.createDirectories(versions);
      try (Stream<Path> l = Files.list(versions)) {
        for (Path p : l.toList()) if (!state.versions().contains(p.getFileName().toString())) FileTrees.delete(p);
      }
      try (Stream<Path> l = Files.list(s.work())) {
        for (Path p : l.toList()) if (p.getFileName().toString().endsWith(".tmp")) Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean the leftovers in " + s.work(), e);
    }
  }

  private void dropVersions(LearnState before, LearnState after) throws IOException {
    for (String v : before.versions()) {
      if (!after.versions().contains(v) && !LearnState.BASE.equals(v)) FileTrees.delete(before.dir(s.work(), v));
    }
  }

  private static boolean bothClasses(List<Impression> eval) {
    boolean pos = false;
    boolean neg = false;
    for (Impression m : eval) for (int k = 0; k < m.items().size(); k++) {
      if (m.label(k) == 1) pos = true;
      else neg = true;
    }
    return pos && neg;
  }

  private CycleRecord finish(CycleRecord.Builder b, long t0) {
    CycleRecord r = b.build((System.nanoTime() - t0) / 1e9);
    try {
      Files.createDirectories(s.work());
      Files.writeString(s.work().resolve(CycleRecord.FILE), LINE.writeValueAsString(r.json()) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + s.work().resolve(CycleRecord.FILE), e);
    }
    steps.reached(Step.RECORDED);
    return r;
  }

  private static void deleteQuietly(Path p) {
    try {
      FileTrees.delete(p);
    } catch (IOException e) {
      System.err.println("r2led learn: cannot delete " + p + ": " + e.getMessage());
    }
  }
}
