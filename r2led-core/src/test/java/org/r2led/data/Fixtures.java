package org.r2led.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helpers: small in-test input files and the shared real datasets. */
public final class Fixtures {
  private Fixtures() {}

  /** Writes {@code lines} (each followed by LF) to {@code dir/name}; returns the path. */
  public static Path write(Path dir, String name, String... lines) {
    return write(dir, name, List.of(lines));
  }

  public static Path write(Path dir, String name, List<String> lines) {
    try {
      Files.createDirectories(dir);
      StringBuilder sb = new StringBuilder();
      for (String l : lines) sb.append(l).append('\n');
      return Files.writeString(dir.resolve(name), sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A folder of the shared real data ({@code -Dr2led.shared.data}, set by the pom to
   * {@code ../shared/data}); skips the test when it is absent.
   */
  public static Path sharedData(String folder) {
    String root = System.getProperty("r2led.shared.data");
    assumeTrue(root != null, "shared data location not set (-Dr2led.shared.data); skipping real-data test");
    Path p = Path.of(root, folder);
    assumeTrue(Files.isDirectory(p), "shared data folder " + p + " is absent; skipping real-data test");
    return p;
  }
}
