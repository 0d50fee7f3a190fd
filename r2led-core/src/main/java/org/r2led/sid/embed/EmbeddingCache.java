package org.r2led.sid.embed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.r2led.io.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only on-disk cache of text embeddings for one model, keyed by sha256 of the text.
 *
 * <p>Files in the cache directory, per model ({@code M} = model name): {@code M.keys} (one sha256 hex
 * per line) and {@code M.f32} (little-endian float rows of {@code dim}, row {@code r} belongs to key
 * line {@code r}). Vectors are appended before their keys, so an interrupted run leaves a readable
 * cache (a torn tail is ignored). Single writer at a time.
 *
 * <p>Caching is best effort: where the directory cannot be created or written (a read-only location),
 * what it holds is still read, new vectors are kept in memory only and a one-line note says so.
 */
public final class EmbeddingCache {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
  private final Path keysFile;
  private final Path vectorsFile;
  private final int dim;
  private final Map<String, Integer> index = new HashMap<>();
  private float[] vectors;
  private int rows;
  /** Whether new vectors are still written to disk (false after a write failed). */
  private boolean persist = true;

  private EmbeddingCache(Path dir, String model, int dim) {
    String safe = model.replaceAll("[^A-Za-z0-9._-]", "_");
    this.keysFile = dir.resolve(safe + ".keys");
    this.vectorsFile = dir.resolve(safe + ".f32");
    this.dim = dim;
  }

  /** Opens (creating if needed, see the class comment) the cache for {@code model} with vectors of {@code dim} in {@code dir}. */
  public static EmbeddingCache open(Path dir, String model, int dim) {
    EmbeddingCache c = new EmbeddingCache(dir, model, dim);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      c.stopWriting(e);
    }
    try {
      c.load();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read embedding cache " + dir, e);
    }
    return c;
  }

  /** Keeps new vectors in memory only from now on, with a note naming the cache and the reason. */
  private void stopWriting(IOException e) {
    persist = false;
    LOG.warn("note: cannot write the text-embedding cache {} ({}); continuing without caching", vectorsFile.getParent(),
        e.toString());
  }

  /** The cache key of a text. */
  public static String key(String text) {
    return Hashing.sha256(text);
  }

  private void load() throws IOException {
    if (!Files.isRegularFile(keysFile) || !Files.isRegularFile(vectorsFile)) {
      vectors = new float[0];
      return;
    }
    List<String> keys = Files.readAllLines(keysFile, StandardCharsets.US_ASCII);
    long vecRows = Files.size(vectorsFile) / (4L * dim);
    int n = (int) Math.min(keys.size(), vecRows);
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(vectorsFile)).order(ByteOrder.LITTLE_ENDIAN);
    vectors = new float[n * dim];
    b.asFloatBuffer().get(vectors, 0, n * dim);
    for (int r = 0; r < n; r++) {
      String k = keys.get(r);
      if (k.length() == 64) index.put(k, r);
    }
    rows = n;
    if (keys.size() != vecRows && persist) {
      // Torn tail from an interrupted run: rewrite both files to the consistent prefix.
      try {
        rewrite();
      } catch (IOException e) {
        stopWriting(e); // appending after a torn tail would misalign keys and vectors
      }
    }
  }

  private void rewrite() throws IOException {
    String[] byRow = new String[rows];
    for (Map.Entry<String, Integer> e : index.entrySet()) byRow[e.getValue()] = e.getKey();
    StringBuilder sb = new StringBuilder();
    for (String k : byRow) sb.append(k == null ? "-" : k).append('\n');
    Files.write(keysFile, sb.toString().getBytes(StandardCharsets.US_ASCII));
    ByteBuffer b = ByteBuffer.allocate(rows * dim * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(vectors, 0, rows * dim);
    Files.write(vectorsFile, b.array());
  }

  public int dim() { return dim; }

  /** Number of cached vectors. */
  public synchronized int size() { return index.size(); }

  /** The cached vector of {@code key} (copy), or null. */
  public synchronized float[] get(String key) {
    Integer r = index.get(key);
    if (r == null) return null;
    float[] v = new float[dim];
    System.arraycopy(vectors, r * dim, v, 0, dim);
    return v;
  }

  /** Appends vectors for keys not yet cached, and flushes them to disk. */
  public synchronized void putAll(List<String> keys, float[][] vecs) {
    if (keys.size() != vecs.length) throw new IllegalArgumentException("keys and vectors differ in length");
    ByteBuffer vb = ByteBuffer.allocate(keys.size() * dim * 4).order(ByteOrder.LITTLE_ENDIAN);
    StringBuilder kb = new StringBuilder();
    int added = 0;
    for (int i = 0; i < keys.size(); i++) {
      String k = keys.get(i);
      if (index.containsKey(k)) continue;
      if (vecs[i].length != dim) throw new IllegalArgumentException("vector has " + vecs[i].length + " dims; cache holds " + dim);
      for (float f : vecs[i]) vb.putFloat(f);
      kb.append(k).append('\n');
      if ((rows + added + 1) * dim > vectors.length) {
        vectors = java.util.Arrays.copyOf(vectors, Math.max((rows + added + 1) * dim, vectors.length * 2));
      }
      System.arraycopy(vecs[i], 0, vectors, (rows + added) * dim, dim);
      index.put(k, rows + added);
      added++;
    }
    if (added == 0) return;
    rows += added;
    if (!persist) return;
    vb.flip();
    try {
      try (FileChannel ch = FileChannel.open(vectorsFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        while (vb.hasRemaining()) ch.write(vb);
      }
      Files.writeString(keysFile, kb, StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      stopWriting(e); // the vectors file may now be longer than the keys: the next load drops that tail
    }
  }
}
