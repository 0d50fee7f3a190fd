package org.r2led.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.io.Hashing;
import org.r2led.sid.SidTable;

/** Provenance written to {@code run.json}: config, dataset and SID fingerprints, seed, versions, hardware. */
public final class RunInfo {
  private RunInfo() {}

  public static Map<String, Object> of(Config cfg, PreparedDataset ds, Path sidsDir, SidTable sids, String status) {
    return of(cfg, ds, sidsDir, sids, status, null);
  }

  /** As {@link #of(Config, PreparedDataset, Path, SidTable, String)}, recording a warm start's init ({@link WarmStart}) when non-null. */
  public static Map<String, Object> of(Config cfg, PreparedDataset ds, Path sidsDir, SidTable sids, String status,
      Map<String, Object> initOrNull) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", cfg.get(TrainKeys.MODEL));
    m.put("seed", cfg.get(TrainKeys.SEED));
    m.put("status", status);
    m.put("config", cfg.asMap());
    m.put("config_sha256", Hashing.sha256(cfg.toYaml()));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("dir", ds.dir().toAbsolutePath().normalize().toString());
    data.put("source", ds.manifest().source());
    data.put("manifest_fingerprint", ds.manifest().fingerprint());
    data.put("counts", ds.manifest().counts());
    m.put("dataset", data);
    if (sids != null) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("dir", sidsDir.toAbsolutePath().normalize().toString());
      s.put("codes_sha256", Hashing.sha256(sidsDir.resolve(SidTable.CODES_FILE)));
      s.put("dataset_fingerprint", sids.meta().datasetFingerprint());
      s.put("encoder", sids.meta().encoder());
      s.put("quantizer", sids.meta().quantizer());
      m.put("sids", s);
    }
    if (initOrNull != null) m.put("init", initOrNull);
    m.put("versions", versions());
    m.put("hardware", hardware());
    return m;
  }

  /** Versions of this code, Java, DJL and the engine (recorded in run.json and exported models). */
  public static Map<String, Object> versions() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("r2led", "0.1.0");
    v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    try {
      ai.djl.engine.Engine e = ai.djl.engine.Engine.getInstance();
      v.put("djl", ai.djl.engine.Engine.getDjlVersion());
      v.put("engine", e.getEngineName() + " " + e.getVersion());
    } catch (RuntimeException ex) {
      v.put("engine", "unavailable: " + ex.getMessage());
    }
    return v;
  }

  static Map<String, Object> hardware() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("cores", Runtime.getRuntime().availableProcessors());
    h.put("jvm_max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
    h.put("memory_mb", memTotalMb());
    h.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    h.put("torch_threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
    return h;
  }

  private static long memTotalMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    } catch (Exception e) {
      // not Linux
    }
    return -1;
  }
}
