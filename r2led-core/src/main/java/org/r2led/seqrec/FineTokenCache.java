package org.r2led.seqrec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.r2led.io.Columns;
import org.r2led.io.Hashing;
import org.r2led.io.Progress;
import org.r2led.sid.embed.TokenLevelEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fine view's on-disk cache: the token-level outputs of a list of texts for one encoder and token cap,
 * in {@code DIR/fine-<key>.off.i32} (token offsets, one per text plus one) and {@code .f32} (token vectors,
 * little-endian rows of the encoder's dimension), where {@code key} is a hash of the encoder name, the cap
 * and every text. The offsets are written last and checked against the vectors on load, so a torn pair is rebuilt.
 * Caching is best effort: where the files cannot be written (a read-only location), the view is
 * computed without caching and a one-line note says so.
 */
final class FineTokenCache {
  private static final Logger LOG = LoggerFactory.getLogger(FineTokenCache.class);
  private FineTokenCache() {}

  /** The fine view of {@code texts} (index 0 = padding, empty; a null or blank text has no tokens). */
  static ItemViews.Fine load(List<String> texts, TokenLevelEncoder encoder, int maxTokens, Path cacheDir) {
    StringBuilder sig = new StringBuilder(encoder.modelName()).append('\n').append(maxTokens).append('\n');
    for (String t : texts) sig.append(t == null ? "\u0000" : t).append('\n');
    String key = Hashing.sha256(sig.toString()).substring(0, 24);
    Path off = cacheDir.resolve("fine-" + key + ".off.i32");
    Path vec = cacheDir.resolve("fine-" + key + ".f32");
    String source = "tokens:" + encoder.modelName() + " (first " + maxTokens + " word-pieces)";
    if (Files.isRegularFile(off) && Files.isRegularFile(vec)) {
      int[] o = Columns.readInts(off);
      float[] d = Columns.readFloats(vec);
      if (o.length == texts.size() + 1 && (long) o[o.length - 1] * encoder.dim() == d.length) {
        return new ItemViews.Fine(source, encoder.dim(), o, d);
      }
    }
    int dim = encoder.dim();
    int[] o = new int[texts.size() + 1];
    float[][][] perText = new float[texts.size()][][];
    Progress p = Progress.builder("fine view: token outputs of " + encoder.modelName()).total(texts.size() - 1).unit("texts").build();
    for (int i = 1; i < texts.size(); i++) {
      String t = texts.get(i);
      perText[i] = t == null || t.isBlank() ? new float[0][] : encoder.tokens(t, maxTokens);
      p.advance(1);
    }
    p.finish();
    for (int i = 0; i < texts.size(); i++) o[i + 1] = o[i] + (perText[i] == null ? 0 : perText[i].length);
    float[] d = new float[Math.toIntExact((long) o[texts.size()] * dim)];
    for (int i = 1; i < texts.size(); i++) {
      for (int t = 0; t < perText[i].length; t++) System.arraycopy(perText[i][t], 0, d, (o[i] + t) * dim, dim);
    }
    try {
      Files.createDirectories(cacheDir);
      Columns.writeFloats(vec, d);
      Columns.writeInts(off, o);
    } catch (IOException | UncheckedIOException e) { // best effort: a read-only location computes without caching
      LOG.warn("note: cannot write the fine-view cache {} ({}); continuing without caching", cacheDir,
          String.valueOf(e.getCause() != null ? e.getCause() : e));
    }
    return new ItemViews.Fine(source, dim, o, d);
  }
}
