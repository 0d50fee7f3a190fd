package org.r2led.sid.embed;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.r2led.data.PreparedDataset;
import org.r2led.io.ToolFile;

/**
 * Item vectors from a user-supplied text file: one line per item, the item's source id (as in the
 * dataset's {@code items/raw_id.txt}) followed by its floats, separated by spaces, tabs or commas.
 * Blank lines and lines starting with {@code #} are skipped. Every dataset item must appear exactly
 * once; all lines must have the same number of values; values must be finite. Errors name
 * {@code file:line}.
 */
public final class FileEmbedder implements ItemEmbedder {
  private static final Pattern SEP = Pattern.compile("[\\s,]+");
  /** The header line {@link #write} puts first. */
  private static final Pattern HEADER = Pattern.compile("# [^\n]* dim=\\d+\n");
  private final Path file;

  public FileEmbedder(Path file) {
    this.file = file;
  }

  @Override
  public String name() { return "file:" + file; }

  @Override
  public ItemEmbeddings embed(PreparedDataset data) {
    return read(file, data.itemRawIds());
  }

  /** Reads {@code file} against the items {@code rawIds} (index 0 = padding, ignored); every item must have a line. */
  public static ItemEmbeddings read(Path file, List<String> rawIds) {
    Partial p = readPartial(file, rawIds);
    List<String> missing = new ArrayList<>();
    int missingCount = 0;
    for (int i = 1; i < rawIds.size(); i++) {
      if (!p.present()[i]) {
        missingCount++;
        if (missing.size() < 5) missing.add("'" + rawIds.get(i) + "'");
      }
    }
    if (missingCount > 0) {
      throw new IllegalArgumentException(file + ": no vector for " + missingCount + " of the dataset's "
          + (rawIds.size() - 1) + " items, e.g. " + String.join(", ", missing));
    }
    return p.vectors();
  }

  /**
   * A vector file that may leave items out: the vectors (a missing item's row is zero) and which items
   * had a line ({@code present[i]}, index 0 = padding, false).
   */
  public record Partial(ItemEmbeddings vectors, boolean[] present) {}

  /** Reads {@code file} as {@link #read} does, but items without a line are allowed (see {@link Partial}). */
  public static Partial readPartial(Path file, List<String> rawIds) {
    int n = rawIds.size() - 1;
    Map<String, Integer> dense = new HashMap<>(n * 2);
    for (int i = 1; i <= n; i++) dense.put(rawIds.get(i), i);
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("vector file not found: " + file);
    int dim = -1;
    int dimLine = 0;
    float[] rows = null;
    int[] lineOf = new int[n + 1];
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int ln = 0;
      while ((line = r.readLine()) != null) {
        ln++;
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) continue;
        String[] parts = SEP.split(s);
        String id = parts[0];
        int values = parts.length - 1;
        if (dim < 0) {
          if (values < 1) throw new IllegalArgumentException(file + ":" + ln + ": item '" + id + "' has no values after the id");
          dim = values;
          dimLine = ln;
          rows = new float[(n + 1) * dim];
        } else if (values != dim) {
          throw new IllegalArgumentException(file + ":" + ln + ": item '" + id + "' has " + values
              + " values; expected " + dim + " (the dimension of line " + dimLine + ")");
        }
        Integer item = dense.get(id);
        if (item == null) {
          throw new IllegalArgumentException(file + ":" + ln + ": unknown item id '" + id
              + "' (not among the dataset's " + n + " items)");
        }
        if (lineOf[item] != 0) {
          throw new IllegalArgumentException(file + ":" + ln + ": duplicate item id '" + id + "' (first on line "
              + lineOf[item] + ")");
        }
        lineOf[item] = ln;
        for (int j = 0; j < dim; j++) {
          String tok = parts[j + 1];
          float v;
          try {
            v = Float.parseFloat(tok);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + ln + ": value " + (j + 1) + " of item '" + id + "' is '"
                + tok + "'; expected a number");
          }
          if (!Float.isFinite(v)) {
            throw new IllegalArgumentException(file + ":" + ln + ": value " + (j + 1) + " of item '" + id + "' is "
                + tok + "; expected a finite number");
          }
          rows[item * dim + j] = v;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read vector file " + file, e);
    }
    if (dim < 0) throw new IllegalArgumentException(file + ": no vectors (expected one line per item: id then floats)");
    boolean[] present = new boolean[n + 1];
    for (int i = 1; i <= n; i++) present[i] = lineOf[i] != 0;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("file", file.toString());
    details.put("dim", dim);
    return new Partial(new ItemEmbeddings(n, dim, rows, "file:" + file, details), present);
  }

  /** The comment line a vector file starts with. */
  public static String headerLine(String source, int dim) {
    return "# " + source + " dim=" + dim + "\n";
  }

  /** Writes one item's line: its raw id, then the floats, space separated. */
  public static void writeLine(java.io.Writer w, String rawId, float[] vector) throws IOException {
    w.write(rawId);
    for (float v : vector) {
      w.write(' ');
      w.write(Float.toString(v));
    }
    w.write('\n');
  }

  /**
   * {@code file} as an output ({@link ToolFile}): an existing file is replaced only when it begins with
   * a {@link #headerLine} (as every vector file this tool writes does).
   */
  public static ToolFile outputFile(Path file) {
    return ToolFile.text(file, "r2led's begins with a line '# SOURCE dim=N'", h -> HEADER.matcher(h).lookingAt());
  }

  /**
   * Writes {@code emb} in this format (raw id, then the floats, space separated), items 1..n in order,
   * after a header line; see {@link #outputFile} for what may be replaced.
   */
  public static void write(Path file, List<String> rawIds, ItemEmbeddings emb) {
    // temp file + rename: a failed or killed write leaves the previous file as it was
    outputFile(file).write(out -> {
      BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
      w.write(headerLine(emb.source(), emb.dim()));
      for (int i = 1; i <= emb.numItems(); i++) writeLine(w, rawIds.get(i), emb.row(i));
      w.flush();
    });
  }
}
