package org.r2led.spark.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.model.CtrModel;
import org.r2led.sid.SidTable;
import org.r2led.train.TrainKeys;

/**
 * A barrier task's model replica: the configuration of {@code configFile}, the prepared dataset and
 * the model built from them with the run's seed (so every task starts from the same parameters), on a
 * thread with one PyTorch intra-op thread.
 */
record Replica(Config cfg, PreparedDataset ds, CtrModel model) {
  static Replica open(Path configFile, String data, String sidsOrNull) {
    if ("PyTorch".equals(Engine.getInstance().getEngineName())) JniUtils.setNumThreads(1);
    TrainKeys.Resolved resolved = TrainKeys.resolve(Config.builder().file(configFile));
    PreparedDataset ds = PreparedDataset.open(Path.of(data));
    SidTable sids = sidsOrNull == null ? null : SidTable.load(Path.of(sidsOrNull), ds.manifest().fingerprint());
    return new Replica(resolved.config(), ds, resolved.create(ds, sids));
  }
}
