package org.r2led.spark.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.model.CtrModel;
import org.r2led.sid.SidTable;
import org.r2led.train.TrainKeys;

/**
 * A barrier task's model replica: the configuration of {@code configFile}, the prepared dataset and
 * its SIDs (or null) and the model built from them with the run's seed (so every task starts from the
 * same parameters).
 */
record Replica(Config cfg, PreparedDataset ds, SidTable sids, CtrModel model) {
  private static final Object THREADS = new Object();
  /** Tasks of this JVM inside {@link #withOneIntraOpThread}, and the process-wide count before the first. */
  private static int active;
  private static int processWide;

  /**
   * Runs {@code body} with one PyTorch intra-op thread on the calling thread (a task's ops run on its
   * own thread, N tasks on N cores). Setting a thread's count also sets the process-wide count that
   * threads take at their first op, so that one is read before the first task of this JVM sets its
   * own and put back by every task that ends (executors and local mode share a JVM between tasks).
   */
  static <T> T withOneIntraOpThread(Supplier<T> body) {
    if (!"PyTorch".equals(Engine.getInstance().getEngineName())) return body.get();
    synchronized (THREADS) {
      // with no task active, this thread's count is the process-wide one (first op, or put back by the last task)
      int mine = JniUtils.getNumThreads();
      if (active++ == 0) processWide = mine;
      JniUtils.setNumThreads(1);
    }
    try {
      return body.get();
    } finally {
      synchronized (THREADS) {
        active--;
        JniUtils.setNumThreads(processWide); // running tasks keep 1: their threads' counts are their own
      }
    }
  }

  static Replica open(Path configFile, String data, String sidsOrNull) {
    // The job is the application in its executors' JVMs: freed tensor memory kept for reuse, as the
    // r2led tool does at startup (once per JVM; 4,000 page faults a step otherwise).
    org.r2led.nn.NativeMemory.retainFreedMemory();
    TrainKeys.Resolved resolved = TrainKeys.resolve(Config.builder().file(configFile));
    PreparedDataset ds = PreparedDataset.open(Path.of(data));
    SidTable sids = sidsOrNull == null ? null : SidTable.load(Path.of(sidsOrNull), ds.manifest().fingerprint());
    return new Replica(resolved.config(), ds, sids, resolved.create(ds, sids));
  }
}
