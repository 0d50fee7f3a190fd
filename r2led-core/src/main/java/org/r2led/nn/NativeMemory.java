package org.r2led.nn;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Keeps the C allocator from returning the memory of freed tensors to the kernel between steps.
 *
 * <p>Every step allocates and frees the same large tensors (R2LED: tens of 16 MB arrays). With
 * glibc's defaults such blocks are mapped and unmapped (or trimmed) again and again, and each
 * reuse faults every page back in, zero-filled by the kernel: over 10,000 page faults per R2LED
 * step on MovieLens, a large share of backward's time on a loaded machine. Raising the mmap
 * threshold to its maximum (32 MB), the trim threshold to 1 GB and the top pad to 64 MB lets freed
 * blocks be reused in place (measured: about 4,000 faults per step). Memory is then not returned to the system while
 * the process lives (its peak stays resident). glibc only; a no-op elsewhere, or with
 * {@code -Dr2led.malloc.retain=false}.
 *
 * <p>A process-wide setting, so the application opts in: the {@code r2led} tool calls
 * {@link #retainFreedMemory} at startup; the library itself (loading, scoring, training) never does.
 * A service embedding the library may call it once at startup (it speeds up training and scoring
 * long histories; results do not depend on it).
 */
public final class NativeMemory {
  private NativeMemory() {}

  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_TOP_PAD = -2;
  private static final int M_MMAP_THRESHOLD = -3;
  private static Boolean applied;

  /** Applies the allocator settings once per process; returns whether they are in effect. */
  public static synchronized boolean retainFreedMemory() {
    if (applied != null) return applied;
    boolean ok = false;
    if (Platform.isLinux() && !"false".equals(System.getProperty("r2led.malloc.retain"))) {
      try {
        Function mallopt = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("mallopt");
        ok = mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, 32 << 20}) == 1
            & mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, 1 << 30}) == 1
            & mallopt.invokeInt(new Object[] {M_TOP_PAD, 64 << 20}) == 1;
      } catch (UnsatisfiedLinkError | RuntimeException e) {
        ok = false;
      }
    }
    applied = ok;
    return ok;
  }
}
