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
    write(sidDir, q.codebookSpace(), q.codebooks());
  }

  /** Writes {@code books} (level 1 first) living in {@code space} ({@code input} or {@code latent}). */
  public static void write(Path sidDir, String space, List<Quantization.Codebook> books) {
    Path dir = sidDir.resolve(DIR);
    List<Level> levels = new ArrayList<>();
    for (int l = 0; l < books.size(); l++) {
      Quantization.Codebook cb = books.get(l);
      String f = "level" + (l + 1) + ".f32";
      Columns.writeFloats(dir.resolve(f), cb.vectors());
      levels.add(new Level(l + 1, f, cb.size(), cb.dim()));
    }
    Json.write(dir.resolve(INDEX), new Index(space, levels));
  }

  /** The index of {@code sidDir}'s codebooks; fails naming the file when there is none. */
  public static Index readIndex(Path sidDir) {
    Path f = sidDir.resolve(DIR).resolve(INDEX);
    if (!java.nio.file.Files.isRegularFile(f)) {
      throw new IllegalArgumentException("no codebooks in " + sidDir + ": " + f + " is missing (SID directories written by"
          + " `r2led sid build` have them)");
    }
    return Json.read(f, Index.class);
  }

  /** Every level's codebook of {@code sidDir}, level 1 first. */
  public static List<Quantization.Codebook> readAll(Path sidDir) {
    List<Quantization.Codebook> books = new ArrayList<>();
    for (Level l : readIndex(sidDir).levels()) books.add(new Quantization.Codebook(l.rows(), l.cols(), read(sidDir, l.level())));
    return books;
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
