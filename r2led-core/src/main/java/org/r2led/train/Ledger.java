package org.r2led.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/** The results ledger: one tab-separated line per finished run, appended under a file lock. */
public final class Ledger {
  private Ledger() {}

  public static final String HEADER = "finished_at\trun_dir\tmodel\tdataset\tseed\tepochs\tsteps\tbest_step\tvalid_auc"
      + "\ttest_auc\ttest_logloss\ttest_gauc\ttrain_samples_per_s\tconfig_sha256";

  public static void append(Path ledger, RunResult r, String datasetFingerprint, String configSha) {
    String line = String.join("\t", Instant.now().toString(), r.runDir().toAbsolutePath().normalize().toString(), r.model(),
        datasetFingerprint.substring(0, 12), Integer.toString(r.seed()), Integer.toString(r.epochs()),
        Long.toString(r.steps()), Long.toString(r.bestStep()), f(r.valid().auc()), f(r.test().auc()),
        f(r.test().logloss()), f(r.test().gauc()), String.format(Locale.ROOT, "%.1f", r.trainSamplesPerSecond()),
        configSha.substring(0, 12)) + "\n";
    try {
      if (ledger.toAbsolutePath().getParent() != null) Files.createDirectories(ledger.toAbsolutePath().getParent());
      try (FileChannel ch = FileChannel.open(ledger, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
           FileLock lock = ch.lock()) {
        String text = ch.size() == 0 ? HEADER + "\n" + line : line;
        ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to results ledger " + ledger, e);
    }
  }

  private static String f(double x) { return String.format(Locale.ROOT, "%.6f", x); }
}
