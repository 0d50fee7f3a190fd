package org.r2led.sid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.r2led.io.Columns;
import org.r2led.io.Json;
import org.r2led.sid.quant.Quantization;

/**
 * Codebooks on disk: {@code codebooks/levelL.f32} (row-major {@code size × dim}, little-endian) per
 * semantic level L (1-based) and {@code codebooks/codebooks.json} ({@link Index}) with the shapes.
 * Code {@code c} (1-based, as in the SID table) is row {@code c-1}.
 */
public final class CodebookFiles {
  private CodebookFiles() {}

  public static final String DIR = "codebooks";
  public static final String INDEX = "codebooks.json";

  /** One level's file and shape. */
  public record Level(int level, String file, int rows, int cols) {}

  /**
   * @param space {@code input} (codewords in the content-embedding space) or {@code latent} (RQ-VAE)
   */
  public record Index(String space, List<Level> levels) {}

  public static void write(Path sidDir, Quantization q) {
    Path dir = sidDir.resolve(DIR);
    List<Level> levels = new ArrayList<>();
    for (int l = 0; l < q.levels(); l++) {
      Quantization.Codebook cb = q.codebooks().get(l);
      String f = "level" + (l + 1) + ".f32";
      Columns.writeFloats(dir.resolve(f), cb.vectors());
      levels.add(new Level(l + 1, f, cb.size(), cb.dim()));
    }
    Json.write(dir.resolve(INDEX), new Index(q.codebookSpace(), levels));
  }

  public static Index readIndex(Path sidDir) {
    return Json.read(sidDir.resolve(DIR).resolve(INDEX), Index.class);
  }

  /** The codebook of 1-based {@code level}, row-major {@code rows × cols}. */
  public static float[] read(Path sidDir, int level) {
    Index idx = readIndex(sidDir);
    Level l = idx.levels().get(level - 1);
    float[] v = Columns.readFloats(sidDir.resolve(DIR).resolve(l.file()));
    if (v.length != l.rows() * l.cols()) {
      throw new IllegalStateException(sidDir.resolve(DIR).resolve(l.file()) + " has " + v.length + " floats; "
          + INDEX + " says " + l.rows() + "x" + l.cols());
    }
    return v;
  }
}
