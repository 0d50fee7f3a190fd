package org.r2led.cli.learn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.r2led.io.Json;

/**
 * The learner's state, {@code WORK/state.json}, replaced atomically: the promoted version and the end of the last
 * window trained on. Versions are {@code v0} (the {@code --model} directory the learner started from) and
 * {@code v1, v2, …} ({@code WORK/versions/vN}).
 *
 * @param baseModel absolute path of the starting model ({@code v0})
 * @param current the promoted version's name
 * @param trainedThrough end of the last consumed window, Unix seconds (exclusive); the next window starts here
 * @param versions kept versions, oldest first (the current one among them)
 * @param nextVersion number of the next candidate
 * @param reloadPending the current version is promoted but the service has not confirmed loading it
 */
public record LearnState(String baseModel, String current, long trainedThrough, List<String> versions, int nextVersion,
    boolean reloadPending) {
  public static final String FILE = "state.json";
  public static final String BASE = "v0";

  public LearnState {
    versions = List.copyOf(versions);
    if (!versions.contains(current)) throw new IllegalArgumentException("state: current version " + current + " is not among " + versions);
  }

  /** The state before the first cycle: {@code model} is current, every impression is still to be learned. */
  public static LearnState initial(Path model) {
    return new LearnState(model.toAbsolutePath().normalize().toString(), BASE, 1, List.of(BASE), 1, false);
  }

  /** {@code WORK/state.json}, or the initial state for {@code model} when there is none yet. */
  public static LearnState read(Path work, Path model) {
    Path f = work.resolve(FILE);
    return Files.exists(f) ? Json.read(f, LearnState.class) : initial(model);
  }

  /** Writes this state atomically to {@code WORK/state.json}. */
  public void write(Path work) { Json.write(work.resolve(FILE), this); }

  /** The directory of version {@code name}. */
  public Path dir(Path work, String name) {
    return BASE.equals(name) ? Path.of(baseModel) : work.resolve("versions").resolve(name);
  }

  public Path currentDir(Path work) { return dir(work, current); }

  /**
   * {@code version} promoted after training through {@code through}; the oldest versions beyond {@code keep} are
   * dropped; {@code reloadPending} until a service has confirmed loading it.
   */
  public LearnState promote(String version, long through, int keep, boolean reloadPending) {
    List<String> v = new ArrayList<>(versions);
    v.add(version);
    while (v.size() > keep) v.remove(0);
    return new LearnState(baseModel, version, through, v, nextVersion + 1, reloadPending);
  }

  /** The candidate was refused: the window is consumed, the current version stays. */
  public LearnState refuse(long through) { return new LearnState(baseModel, current, through, versions, nextVersion + 1, reloadPending); }

  /** {@code version} made current (a rollback), {@code reloadPending} until a service has confirmed loading it. */
  public LearnState withCurrent(String version, boolean reloadPending) {
    return new LearnState(baseModel, version, trainedThrough, versions, nextVersion, reloadPending);
  }

  public LearnState withReloadPending(boolean pending) {
    return new LearnState(baseModel, current, trainedThrough, versions, nextVersion, pending);
  }
}
