package org.r2led.bench.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.r2led.data.PreparedDataset;
import org.r2led.sid.SidTable;

/**
 * The SID table of a replay window dataset: a window dataset ({@link WindowDataset}) links its source's
 * item vocabulary, so the source's SID table applies to it unchanged. A SID table is bound to one
 * dataset fingerprint ({@link SidTable#load(Path, String)}); this writes a copy of the source's table
 * (the same codes) bound to the window dataset's fingerprint, after checking that the window's manifest
 * names the source's fingerprint ({@link WindowDataset#SOURCE_FINGERPRINT}) and that the item counts
 * agree. The copy records the source's fingerprint under {@code extra.replay_source_fingerprint}.
 */
public final class WindowSids {
  private WindowSids() {}

  /**
   * Writes the table of {@code window} into {@code dir} (created) and returns {@code dir}; fails when
   * {@code window} was not cut from the dataset {@code source} was built for.
   */
  public static Path write(SidTable source, PreparedDataset window, Path dir) {
    String from = WindowDataset.sourceFingerprint(window);
    if (from == null) {
      throw new IllegalArgumentException("dataset " + window.dir() + " is not a replay window dataset (its manifest has no "
          + WindowDataset.SOURCE_FINGERPRINT + "); the SIDs of dataset " + source.datasetFingerprint() + " do not apply to it");
    }
    if (!from.equals(source.datasetFingerprint())) {
      throw new IllegalArgumentException("window dataset " + window.dir() + " was cut from dataset fingerprint " + from
          + " but the SIDs were built for " + source.datasetFingerprint() + "; pass the SIDs of the replayed dataset");
    }
    if (window.numItems() != source.numItems()) {
      throw new IllegalArgumentException("window dataset " + window.dir() + " has " + window.numItems() + " items but the SIDs of its source have "
          + source.numItems() + "; expected the source's item vocabulary");
    }
    SidTable.Meta m = source.meta();
    Map<String, Object> extra = new LinkedHashMap<>(m.extra() == null ? Map.of() : m.extra());
    extra.put(WindowDataset.SOURCE_FINGERPRINT, from);
    SidTable bound = new SidTable(new SidTable.Meta(window.manifest().fingerprint(), m.numItems(), m.codebookSizes(),
        m.semanticLevels(), m.encoder(), m.quantizer(), extra), source.codeMatrix());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the window SID directory " + dir, e);
    }
    bound.save(dir);
    return dir;
  }
}
