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
 * {@code WORK} ({@link DirLock}: a second one fails at once naming the holder's PID).
 */
public final class Learner {
  /** Share of the window's labeled impressions (the latest before the evaluation window) used for early stopping. */
  static final double VALID_SHARE = 0.1;

  /** System property naming a step where a cycle pauses until killed (crash tests only). */
  public static final String PAUSE_PROPERTY = "r2led.learn.pause_at";

  /**
   * What a cycle does.
   *
   * @param reloader the service to reload after a promotion, or null
   * @param margin a candidate is promoted iff its AUC ≥ the current model's AUC − margin
   * @param keep versions kept (the current one included), ≥ 1
   * @param evalShare share of the latest labeled impressions in the evaluation window, in (0, 0.9)
   * @param minSamples fewest shown items, {@code minPositives} fewest clicks, a window needs to be learned
   * @param trainSets {@code key=value} config overrides for the warm start (e.g. {@code epochs=2})
   */
  public record Settings(Path store, Path model, Path work, Reloader reloader, double margin, int keep, double evalShare,
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

  public Learner(Settings s) { this.s = s; }

  /** Runs one cycle over the impressions in {@code [trainedThrough, now)}; returns its record (also appended to cycles.jsonl). */
  public CycleRecord cycle(long now) {
    try (DirLock lock = DirLock.acquire(s.work())) {
      return lockedCycle(now);
    }
  }

  private CycleRecord lockedCycle(long now) {
    long t0 = System.nanoTime();
    Path work = s.work();
    LearnState state = LearnState.read(work, s.model());
    cleanLeftovers(state);
    state = retryReload(state);
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
          new StoreSamples.Settings(from, now, VALID_SHARE, s.evalShare()), cycleDir.resolve("samples"));
      List<Impression> eval = all.stream().filter(m -> m.ts() >= sum.testFrom()).toList();
      rec.split(sum.testFrom(), sum.samples(), sum.newItems());
      pauseAt("samples");
      if (!bothClasses(eval)) return finish(rec.skip("the evaluation window holds one class only"), t0);
      train(current, cycleDir);
      pauseAt("trained");
      String version = "v" + state.nextVersion();
      Path candidateDir = state.dir(work, version);
      ModelExporter.export(cycleDir.resolve("run"), candidateDir);
      pauseAt("exported");
      WindowEvaluation.Result cand = WindowEvaluation.evaluate(ScoringModel.load(candidateDir), store, eval);
      WindowEvaluation.Result cur = WindowEvaluation.evaluate(ScoringModel.load(current), store, eval);
      rec.scores(version, cand, cur);
      if (cand.auc() >= cur.auc() - s.margin()) {
        LearnState next = state.promote(version, now, s.keep(), s.reloader() != null);
        next.write(work);
        pauseAt("promoted");
        dropVersions(state, next);
        next = reload(next);
        return finish(rec.decide(next.reloadPending() ? "promoted-not-loaded" : "promoted"), t0);
      }
      state.refuse(now).write(work);
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
   * Test hook for crash tests: with the system property {@value #PAUSE_PROPERTY} equal to {@code step}, prints
   * {@code paused at STEP} and waits to be killed.
   */
  private static void pauseAt(String step) {
    if (!step.equals(System.getProperty(PAUSE_PROPERTY))) return;
    System.out.println("paused at " + step);
    System.out.flush();
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while paused at " + step, e);
    }
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
