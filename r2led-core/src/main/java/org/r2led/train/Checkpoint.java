package org.r2led.train;

import java.nio.file.Path;
import org.r2led.model.CheckpointFile;
import org.r2led.nn.Adam;
import org.r2led.nn.ParamStore;

/**
 * A training checkpoint: a {@link CheckpointFile} (parameters, buffers, optionally the Adam moments)
 * whose state is the run's {@link TrainState} (data position, step, learning rate, early stopping).
 */
public final class Checkpoint {
  private Checkpoint() {}

  /** Writes {@code store} (+ {@code adam} state when non-null) and {@code state} to {@code file}. */
  public static void write(Path file, String model, ParamStore store, Adam adam, TrainState state) {
    CheckpointFile.write(file, model, store, adam, state);
  }

  /** Reads {@code file} into {@code store} (and {@code adam} when non-null); returns the saved state ({@link CheckpointFile#read}). */
  public static TrainState read(Path file, ParamStore store, Adam adam) {
    return CheckpointFile.read(file, store, adam, TrainState.class);
  }

  /** The header of {@code file} (verified, without loading parameters). */
  public static CheckpointFile.Header<TrainState> header(Path file) { return CheckpointFile.header(file, TrainState.class); }

  /** Fails naming the file when header {@code h} does not fit {@code store} ({@link CheckpointFile#requireCompatible}). */
  public static void requireCompatible(Path file, CheckpointFile.Header<?> h, ParamStore store, boolean needsOptimizer) {
    CheckpointFile.requireCompatible(file, h, store, needsOptimizer);
  }
}
