package org.r2led.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct memory for the arrays one {@link Step} copies in from Java (parameters, gathered rows,
 * indices, masks): slices of one reused buffer instead of a fresh {@code ByteBuffer.allocateDirect}
 * per array (which zero-fills, registers a cleaner and is only freed by a later garbage collection).
 * PyTorch wraps each slice without copying it ({@code from_blob}); every tensor over a slice belongs to
 * the step and is deleted when the step closes, and only then does the arena go back to its thread's
 * free list for the next step. A step whose arrays outgrow the buffer gets a larger one (the old one
 * stays alive until the step closes); arenas larger than {@value #KEEP_MAX_BYTES} bytes are not kept.
 */
final class StepArena {
  private static final int ALIGN = 64;
  private static final int FIRST_BYTES = 1 << 20;
  private static final int KEEP_MAX_BYTES = 256 << 20;
  private static final ThreadLocal<ArrayDeque<StepArena>> FREE = ThreadLocal.withInitial(ArrayDeque::new);

  private ByteBuffer chunk;
  private int used;
  private List<ByteBuffer> outgrown;

  private StepArena(int bytes) { this.chunk = allocate(bytes); }

  /** An arena for a new step: a free one of this thread, or a new one. */
  static StepArena acquire() {
    StepArena a = FREE.get().poll();
    return a != null ? a : new StepArena(FIRST_BYTES);
  }

  /** A slice of {@code bytes} bytes (native order, 64-byte aligned), valid until {@link #release}. */
  ByteBuffer slice(int bytes) {
    int start = align(used);
    if (start + bytes > chunk.capacity()) {
      if (outgrown == null) outgrown = new ArrayList<>(2);
      outgrown.add(chunk);
      chunk = allocate((int) Math.min(Integer.MAX_VALUE - ALIGN, Math.max(2L * chunk.capacity(), (long) bytes + ALIGN)));
      start = align(0);
    }
    used = start + bytes;
    return chunk.slice(start, bytes).order(ByteOrder.nativeOrder());
  }

  /** Ends the step's use (every tensor over its slices is deleted): the arena may serve the next step of this thread. */
  void release() {
    used = 0;
    outgrown = null;
    if (chunk.capacity() <= KEEP_MAX_BYTES) FREE.get().push(this);
  }

  private int align(int offset) {
    int a = chunk.alignmentOffset(offset, ALIGN);
    return a == 0 ? offset : offset + ALIGN - a;
  }

  private static ByteBuffer allocate(int bytes) { return ByteBuffer.allocateDirect(bytes + ALIGN).order(ByteOrder.nativeOrder()); }
}
