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
 * the model built from them with the run's seed (so every task starts from the same parameters).
 */
record Replica(Config cfg, PreparedDataset ds, CtrModel model) {
  /**
   * Runs {@code body} with one PyTorch intra-op thread on the calling thread (a task's ops run on its
   * own thread, N tasks on N cores), restoring the previous count after: PyTorch also keeps the count
   * process-wide for threads that start ops later, which must not stay changed in a shared JVM.
   */
  static <T> T withOneIntraOpThread(Supplier<T> body) {
    boolean torch = "PyTorch".equals(Engine.getInstance().getEngineName());
    int saved = torch ? JniUtils.getNumThreads() : 0;
    if (torch) JniUtils.setNumThreads(1);
    try {
      return body.get();
    } finally {
      if (torch) JniUtils.setNumThreads(saved);
    }
  }

  static Replica open(Path configFile, String data, String sidsOrNull) {
    TrainKeys.Resolved resolved = TrainKeys.resolve(Config.builder().file(configFile));
    PreparedDataset ds = PreparedDataset.open(Path.of(data));
    SidTable sids = sidsOrNull == null ? null : SidTable.load(Path.of(sidsOrNull), ds.manifest().fingerprint());
    return new Replica(resolved.config(), ds, resolved.create(ds, sids));
  }
}
