package org.r2led.train;

/**
 * Batches built in order from a random stream, so that batch {@code (epoch, index)} depends on every
 * batch the stream built before it: asked for a batch out of order (the first one of a resumed run),
 * it restarts the stream and replays the batches before it (Java arrays only, no training). A stream
 * runs from the start of epoch {@link #streamStart} on; not thread-safe (the loop's preparation
 * thread uses it).
 *
 * @param <B> a prepared batch
 */
public abstract class StreamedBatches<B> {
  private final int perEpoch;
  /** The epoch at which the current stream started, or -1 before the first batch. */
  private int streamEpoch = -1;
  /** Position of the next batch the current stream builds. */
  private int epoch;
  private int index;

  /** Batches of {@code perEpoch} (≥ 1) per epoch. */
  protected StreamedBatches(int perEpoch) { this.perEpoch = perEpoch; }

  /** The first epoch of the stream that builds epoch {@code epoch}'s batches (0 for one stream per run, {@code epoch} for one per epoch). */
  protected abstract int streamStart(int epoch);

  /** Restarts the random stream at the start of epoch {@code epoch}. */
  protected abstract void restart(int epoch);

  /** Builds batch {@code index} of epoch {@code epoch} from the stream (called in stream order). */
  protected abstract B build(int epoch, int index);

  /** Batch {@code index} of epoch {@code epoch} (both 0-based). */
  public final B get(int epoch, int index) {
    int start = streamStart(epoch);
    if (start != streamEpoch || epoch < this.epoch || (epoch == this.epoch && index < this.index)) {
      restart(start);
      streamEpoch = start;
      this.epoch = start;
      this.index = 0;
    }
    while (this.epoch < epoch || this.index < index) {
      build(this.epoch, this.index);
      advance();
    }
    B b = build(epoch, index);
    advance();
    return b;
  }

  private void advance() {
    if (++index == perEpoch) {
      epoch++;
      index = 0;
    }
  }
}
