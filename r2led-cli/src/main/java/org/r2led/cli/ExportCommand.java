package org.r2led.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.r2led.serving.ModelManifest;
import org.r2led.train.ModelExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led export}: a finished run → a self-contained model directory for scoring. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a finished run's best checkpoint as a self-contained, versioned model directory (parameters, "
        + "item/category id maps, behaviors, SID table, config, provenance, sha256 of every file) that "
        + "org.r2led.serving.ScoringModel loads without the training dataset (docs/serving.md).")
public final class ExportCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, description = "finished run directory written by `r2led train`")
  Path run;

  @Option(names = "--out", required = true, description = "model directory to write (replaced only if it holds an exported model)")
  Path out;

  @Override
  public Integer call() {
    ModelManifest m = ModelExporter.export(run, out);
    System.out.printf(java.util.Locale.ROOT, "exported %s (model id %s, format %d): %,d items, %,d categories, %d files%s%n",
        m.model(), m.modelId(), m.formatVersion(), m.items(), m.categories(), m.files().size(), m.hasSids() ? ", with SIDs" : "");
    System.out.println("model directory: " + out.toAbsolutePath().normalize());
    return 0;
  }
}
