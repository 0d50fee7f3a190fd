package org.r2led.model;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.r2led.io.AtomicFiles;
import org.r2led.io.Json;
import org.r2led.nn.Adam;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;

/**
 * The checkpoint file format: model parameters, named buffers, optionally the Adam moments, and a
 * JSON state object of the writer's type (the training loop's progress). Written atomically (temp
 * file + rename). Training, evaluation, export and serving all read parameters through here.
 *
 * <p>Format (version 2): magic {@code R2LEDCK2}, long body length, int CRC32C of the body; the body
 * is an int header length, the UTF-8 JSON {@link Header}, then per parameter its floats (and, with
 * optimizer state, its first then second moments), then per buffer its longs; all little-endian.
 * Reading verifies length and checksum before parsing and refuses non-finite values
 * ({@link CheckpointIntegrity}); version 1 files (magic {@code R2LEDCK1} directly followed by the
 * body) are still read.
 */
public final class CheckpointFile {
  private CheckpointFile() {}

  /**
   * JSON header of a checkpoint.
   *
   * @param <S> the type of the writer's state object (read back as this type, or as a {@link JsonNode})
   */
  public record Header<S>(String model, List<String> params, List<long[]> shapes, List<String> buffers,
      List<Integer> bufferLengths, boolean optimizer, long optimizerSteps, S state) {}

  /** Writes {@code store} (+ {@code adam} state when non-null) and {@code state} (serialized as JSON) to {@code file}. */
  public static void write(Path file, String model, ParamStore store, Adam adam, Object state) {
    List<String> names = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    for (Param p : store.all()) {
      names.add(p.name());
      shapes.add(p.shape());
    }
    List<String> bnames = new ArrayList<>(store.buffers().keySet());
    List<Integer> blens = new ArrayList<>();
    for (long[] b : store.buffers().values()) blens.add(b.length);
    Header<Object> h = new Header<>(model, names, shapes, bnames, blens, adam != null, adam == null ? 0 : adam.steps(), state);
    byte[] json = Json.toString(h).getBytes(StandardCharsets.UTF_8);
    AtomicFiles.Content body = out -> {
      DataOutputStream d = new DataOutputStream(out);
      d.writeInt(json.length);
      d.write(json);
      d.flush();
      ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      for (Param p : store.all()) {
        writeFloats(out, buf, p.values());
        if (adam != null) {
          writeFloats(out, buf, adam.firstMoment(p));
          writeFloats(out, buf, adam.secondMoment(p));
        }
      }
      for (long[] b : store.buffers().values()) writeLongs(out, buf, b);
    };
    try {
      // The checksum precedes the body, so the body is serialized twice: once into the checksum, once to the file.
      CRC32C crc = new CRC32C();
      body.writeTo(new CheckedOutputStream(OutputStream.nullOutputStream(), crc));
      long bodyLength = 4L + json.length + payloadBytes(h);
      AtomicFiles.write(file, out -> {
        ByteBuffer pre = ByteBuffer.allocate(CheckpointIntegrity.PREAMBLE_V2).order(ByteOrder.LITTLE_ENDIAN);
        pre.put(CheckpointIntegrity.MAGIC_V2).putLong(bodyLength).putInt((int) crc.getValue());
        out.write(pre.array());
        body.writeTo(out);
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file, e);
    }
  }

  /** Bytes of the parameters (and moments) and buffers that {@code h} describes. */
  private static long payloadBytes(Header<?> h) {
    long n = 0;
    for (long[] shape : h.shapes()) n += 4L * (h.optimizer() ? 3 : 1) * Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    for (int len : h.bufferLengths()) n += 8L * len;
    return n;
  }

  /**
   * Reads the parameters and buffers of {@code file} into {@code store}, ignoring any optimizer state
   * and the writer's state (what evaluation and serving need). Fails as {@link #read} does.
   */
  public static void readParams(Path file, ParamStore store) { read(file, store, null, JsonNode.class); }

  /**
   * Reads {@code file} into {@code store} (and {@code adam} when non-null, which then requires the
   * file to hold optimizer state); returns the saved state as {@code stateType}. Fails naming the file
   * when it is missing, truncated, damaged (checksum), holds non-finite values, or does not match the
   * model's parameters.
   */
  public static <S> S read(Path file, ParamStore store, Adam adam, Class<S> stateType) {
    long bodyAt = verified(file);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      DataInputStream d = new DataInputStream(in);
      d.skipNBytes(bodyAt);
      Header<S> h = readHeader(file, d, bodyAt, stateType);
      requireCompatible(file, h, store, adam != null);
      ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      for (Param p : store.all()) {
        readFloats(d, buf, p.values());
        CheckpointIntegrity.requireFinite(file, "parameter " + p.name(), p.values());
        if (h.optimizer()) {
          if (adam != null) {
            readFloats(d, buf, adam.firstMoment(p));
            readFloats(d, buf, adam.secondMoment(p));
            CheckpointIntegrity.requireFinite(file, "first Adam moment of parameter " + p.name(), adam.firstMoment(p));
            CheckpointIntegrity.requireFinite(file, "second Adam moment of parameter " + p.name(), adam.secondMoment(p));
          } else {
            d.skipNBytes(8L * p.size());
          }
        }
      }
      for (long[] b : store.buffers().values()) readLongs(d, buf, b);
      if (adam != null) adam.setSteps(h.optimizerSteps());
      return h.state();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e, e);
    }
  }

  /** The header of {@code file} with its state as {@code stateType} (verified as {@link #read} does, without loading parameters). */
  public static <S> Header<S> header(Path file, Class<S> stateType) {
    long bodyAt = verified(file);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      DataInputStream d = new DataInputStream(in);
      d.skipNBytes(bodyAt);
      return readHeader(file, d, bodyAt, stateType);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e, e);
    }
  }

  /**
   * Fails naming the file when header {@code h} of {@code file} does not fit {@code store} (parameter
   * names and shapes, buffer names and lengths) or lacks optimizer state that {@code needsOptimizer}.
   */
  public static void requireCompatible(Path file, Header<?> h, ParamStore store, boolean needsOptimizer) {
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
    if (needsOptimizer && !h.optimizer()) throw new IllegalArgumentException("checkpoint " + file + " has no optimizer state");
    List<String> bnames = new ArrayList<>(store.buffers().keySet());
    if (!bnames.equals(h.buffers())) {
      throw new IllegalArgumentException("checkpoint " + file + " has buffers " + h.buffers() + ", the model has " + bnames);
    }
    int bi = 0;
    for (long[] b : store.buffers().values()) {
      if (b.length != h.bufferLengths().get(bi)) {
        throw new IllegalArgumentException("checkpoint " + file + ": buffer " + h.buffers().get(bi) + " has length "
            + h.bufferLengths().get(bi) + ", the model expects " + b.length);
      }
      bi++;
    }
  }

  private static long verified(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("checkpoint not found: " + file + " (was the run trained to its first evaluation?)");
    }
    return CheckpointIntegrity.verify(file);
  }

  /** Parses the header at the body start {@code bodyAt}; checks the file holds exactly the payload it describes. */
  private static <S> Header<S> readHeader(Path file, DataInputStream d, long bodyAt, Class<S> stateType) throws IOException {
    long size = Files.size(file);
    if (size < bodyAt + 4) throw CheckpointIntegrity.truncated(file, size, bodyAt + 4);
    int len = d.readInt();
    if (len < 0 || bodyAt + 4 + len > size) throw CheckpointIntegrity.truncated(file, size, bodyAt + 4 + Math.max(0, len));
    JavaType type = Json.MAPPER.getTypeFactory().constructParametricType(Header.class, stateType);
    Header<S> h = Json.MAPPER.readValue(d.readNBytes(len), type);
    long total = bodyAt + 4 + len + payloadBytes(h);
    if (size < total) throw CheckpointIntegrity.truncated(file, size, total);
    if (size > total) throw new IllegalArgumentException("checkpoint " + file + " is damaged: " + size + " bytes, its header describes " + total);
    return h;
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
