package org.r2led.train;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.r2led.io.AtomicFiles;
import org.r2led.io.Json;
import org.r2led.nn.Adam;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;

/**
 * A checkpoint file: model parameters, named buffers, optionally the Adam moments, and the
 * {@link TrainState} (data position, step, learning rate, early stopping). Written atomically
 * (temp file + rename).
 *
 * <p>Format: magic {@code R2LEDCK1}, int header length, UTF-8 JSON {@link Header}, then per
 * parameter its floats (and, with optimizer state, its first then second moments), then per buffer
 * its longs; all little-endian.
 */
public final class Checkpoint {
  private Checkpoint() {}

  private static final byte[] MAGIC = "R2LEDCK1".getBytes(StandardCharsets.US_ASCII);

  /** JSON header of a checkpoint. */
  public record Header(String model, List<String> params, List<long[]> shapes, List<String> buffers,
      List<Integer> bufferLengths, boolean optimizer, long optimizerSteps, TrainState state) {}

  /** Writes {@code store} (+ {@code adam} state when non-null) and {@code state} to {@code file}. */
  public static void write(Path file, String model, ParamStore store, Adam adam, TrainState state) {
    List<String> names = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    for (Param p : store.all()) {
      names.add(p.name());
      shapes.add(p.shape());
    }
    List<String> bnames = new ArrayList<>(store.buffers().keySet());
    List<Integer> blens = new ArrayList<>();
    for (long[] b : store.buffers().values()) blens.add(b.length);
    Header h = new Header(model, names, shapes, bnames, blens, adam != null, adam == null ? 0 : adam.steps(), state);
    byte[] json = Json.toString(h).getBytes(StandardCharsets.UTF_8);
    try {
      AtomicFiles.write(file, out -> {
        DataOutputStream d = new DataOutputStream(out);
        d.write(MAGIC);
        d.writeInt(json.length);
        d.write(json);
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (Param p : store.all()) {
          writeFloats(out, buf, p.values());
          if (adam != null) {
            writeFloats(out, buf, adam.firstMoment(p));
            writeFloats(out, buf, adam.secondMoment(p));
          }
        }
        for (long[] b : store.buffers().values()) writeLongs(out, buf, b);
        d.flush();
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file, e);
    }
  }

  /**
   * Reads {@code file} into {@code store} (and {@code adam} when non-null, which then requires the
   * file to hold optimizer state); returns the saved state. Fails naming the file when it is missing
   * or does not match the model's parameters.
   */
  public static TrainState read(Path file, ParamStore store, Adam adam) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("checkpoint not found: " + file + " (was the run trained to its first evaluation?)");
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      DataInputStream d = new DataInputStream(in);
      byte[] magic = d.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) throw new IllegalArgumentException(file + " is not an r2led checkpoint");
      byte[] json = d.readNBytes(d.readInt());
      Header h = Json.MAPPER.readValue(json, Header.class);
      List<Param> params = store.all();
      List<String> names = params.stream().map(Param::name).toList();
      if (!names.equals(h.params())) {
        throw new IllegalArgumentException("checkpoint " + file + " (model " + h.model() + ") has parameters " + h.params()
            + " but the model has " + names);
      }
      for (int i = 0; i < params.size(); i++) {
        if (!Arrays.equals(params.get(i).shape(), h.shapes().get(i))) {
          throw new IllegalArgumentException("checkpoint " + file + ": parameter " + names.get(i) + " has shape "
              + Arrays.toString(h.shapes().get(i)) + ", the model expects " + Arrays.toString(params.get(i).shape()));
        }
      }
      if (adam != null && !h.optimizer()) throw new IllegalArgumentException("checkpoint " + file + " has no optimizer state");
      Map<String, long[]> buffers = new LinkedHashMap<>(store.buffers());
      if (!new ArrayList<>(buffers.keySet()).equals(h.buffers())) {
        throw new IllegalArgumentException("checkpoint " + file + " has buffers " + h.buffers() + ", the model has " + buffers.keySet());
      }
      ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      for (Param p : params) {
        readFloats(d, buf, p.values());
        if (h.optimizer()) {
          if (adam != null) {
            readFloats(d, buf, adam.firstMoment(p));
            readFloats(d, buf, adam.secondMoment(p));
          } else {
            d.skipNBytes(8L * p.size());
          }
        }
      }
      int bi = 0;
      for (long[] b : buffers.values()) {
        if (b.length != h.bufferLengths().get(bi)) {
          throw new IllegalArgumentException("checkpoint " + file + ": buffer " + h.buffers().get(bi) + " has length "
              + h.bufferLengths().get(bi) + ", the model expects " + b.length);
        }
        readLongs(d, buf, b);
        bi++;
      }
      if (adam != null) adam.setSteps(h.optimizerSteps());
      return h.state();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
    }
  }

  private static void writeFloats(OutputStream out, ByteBuffer buf, float[] a) throws IOException {
    int i = 0;
    while (i < a.length) {
      buf.clear();
      int n = Math.min(a.length - i, buf.capacity() / 4);
      buf.asFloatBuffer().put(a, i, n);
      out.write(buf.array(), 0, n * 4);
      i += n;
    }
  }

  private static void writeLongs(OutputStream out, ByteBuffer buf, long[] a) throws IOException {
    int i = 0;
    while (i < a.length) {
      buf.clear();
      int n = Math.min(a.length - i, buf.capacity() / 8);
      buf.asLongBuffer().put(a, i, n);
      out.write(buf.array(), 0, n * 8);
      i += n;
    }
  }

  private static void readFloats(DataInputStream in, ByteBuffer buf, float[] a) throws IOException {
    int i = 0;
    while (i < a.length) {
      int n = Math.min(a.length - i, buf.capacity() / 4);
      in.readFully(buf.array(), 0, n * 4);
      buf.clear();
      buf.asFloatBuffer().get(a, i, n);
      i += n;
    }
  }

  private static void readLongs(DataInputStream in, ByteBuffer buf, long[] a) throws IOException {
    int i = 0;
    while (i < a.length) {
      int n = Math.min(a.length - i, buf.capacity() / 8);
      in.readFully(buf.array(), 0, n * 8);
      buf.clear();
      buf.asLongBuffer().get(a, i, n);
      i += n;
    }
  }
}
