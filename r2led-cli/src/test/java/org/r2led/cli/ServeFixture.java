package org.r2led.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.r2led.io.FileTrees;
import org.r2led.serving.ScoringModel;
import org.r2led.serving.http.Limits;
import org.r2led.serving.http.ServeApp;
import org.r2led.serving.http.ServerOptions;
import org.r2led.serving.store.EventStore;

/**
 * A small synthetic dataset (click data), a DIN trained on it for one epoch and its exported model, made once per
 * test JVM for the serving tests (and, on demand, the same on a tiny rating dataset: {@link #rating()}), plus HTTP helpers (public for the tests of {@code org.r2led.serving.http}).
 */
public final class ServeFixture {
  private ServeFixture() {}

  private static Path root;

  /** The fixture's directory: {@code ds} (dataset) and {@code model} (exported model). */
  static synchronized Path root() {
    if (root != null) return root;
    try {
      Path r = Files.createTempDirectory("r2led-serve-fixture");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(r)));
      Path data = r.resolve("ds");
      int c = Main.commandLine().execute("data", "synth", "--out", data.toString(), "--preset", "quickstart",
          "--users", "40", "--items", "300", "--seed", "3", "--set", "max_len=60", "--quiet");
      if (c != 0) throw new IllegalStateException("data synth failed: " + c);
      din(data, r.resolve("run"), r.resolve("model"), "embedding_dim=8", "dnn_hidden_units=[8]");
      root = r;
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path data() { return root().resolve("ds"); }

  public static Path model() { return root().resolve("model"); }

  private static Path model2;

  /** A second model on the same dataset (DIN, another seed and size): for reload tests. */
  static synchronized Path model2() {
    if (model2 != null) return model2;
    Path r = root();
    din(data(), r.resolve("run2"), r.resolve("model2"), "seed=11", "embedding_dim=4", "dnn_hidden_units=[4]");
    model2 = r.resolve("model2");
    return model2;
  }

  private static Path rating;

  /** Title of movie 1 of the rating fixture: longer than {@code recommend} prints. */
  static final String LONG_TITLE = "The Extraordinarily Long and Winding Title of the Most Rated Movie of All (1999)";

  /**
   * A tiny MovieLens-like rating dataset ({@code rating/ds}: 30 users rate 12 of 40 movies each, low movie ids
   * most often, seeded) and a DIN trained on it for one epoch, exported ({@code rating/model}).
   */
  static synchronized Path rating() {
    if (rating != null) return rating;
    Path r = root().resolve("rating");
    try {
      Path in = Files.createDirectories(r.resolve("ml"));
      java.util.List<String> movies = new java.util.ArrayList<>(java.util.List.of("movieId,title,genres",
          "1,\"" + LONG_TITLE + "\",Drama"));
      for (int m = 2; m <= 40; m++) movies.add(m + ",Movie " + m + " (200" + m % 10 + ")," + (m % 2 == 0 ? "Comedy" : "Drama|War"));
      Files.write(in.resolve("movies.csv"), movies);
      java.util.List<String> ratings = new java.util.ArrayList<>(java.util.List.of("userId,movieId,rating,timestamp"));
      java.util.Random rnd = new java.util.Random(21);
      for (int u = 1; u <= 30; u++) {
        java.util.Set<Integer> rated = new java.util.LinkedHashSet<>();
        while (rated.size() < 12) rated.add(1 + (int) (40 * Math.pow(rnd.nextDouble(), 2)));
        long ts = 1_000_000L * u;
        for (int m : rated) ratings.add(u + "," + m + "," + (2.5 + 0.5 * rnd.nextInt(6)) + "," + (ts += 60));
      }
      Files.write(in.resolve("ratings.csv"), ratings);
      CliRun p = CliRun.of("data", "prepare", "--source", "movielens", "--input", in.toString(), "--out",
          r.resolve("ds").toString());
      if (p.code() != 0) throw new IllegalStateException("data prepare failed: " + p.err());
      din(r.resolve("ds"), r.resolve("run"), r.resolve("model"), "embedding_dim=8", "dnn_hidden_units=[8]");
      rating = r;
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Trains a DIN on {@code data} for one epoch ({@code set}: more {@code key=value}s) and exports it to {@code model}. */
  private static void din(Path data, Path run, Path model, String... set) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "--data", data.toString(), "--model", "din",
        "--out", run.toString(), "--no-progress", "--set", "epochs=1"));
    for (String kv : set) args.addAll(java.util.List.of("--set", kv));
    CliRun t = CliRun.of(args.toArray(new String[0]));
    if (t.code() != 0) throw new IllegalStateException("train failed: " + t.err());
    CliRun e = CliRun.of("export", "--run", run.toString(), "--out", model.toString());
    if (e.code() != 0) throw new IllegalStateException("export failed: " + e.err());
  }

  private static void deleteQuietly(Path p) {
    try {
      FileTrees.delete(p);
    } catch (Exception ignored) {
      // best effort at exit
    }
  }

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  record Reply(int status, String body) {}

  static Reply send(int port, String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A raw HTTP answer: status (-1 when the server closed without answering), lower-case headers, body. */
  public record Raw(int status, Map<String, String> headers, String body) {}

  /**
   * Sends {@code request} byte for byte on a fresh socket (no client-side normalization), half-closes
   * it and reads the answer until the server closes the connection.
   */
  public static Raw raw(int port, byte[] request) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      try {
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
        s.shutdownOutput();
      } catch (IOException e) {
        // the server may answer and close before reading all of an oversized request: read its answer
      }
      return parse(s.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("raw request failed", e);
    }
  }

  /** {@link #raw(int, byte[])} of a request line, extra header lines (each ending in CRLF) and a body. */
  public static Raw raw(int port, String requestLine, String headers, byte[] body) {
    String head = requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers
        + (body == null ? "" : "Content-Length: " + body.length + "\r\n") + "\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = Arrays.copyOf(h, h.length + (body == null ? 0 : body.length));
    if (body != null) System.arraycopy(body, 0, all, h.length, body.length);
    return raw(port, all);
  }

  /** A response as read from the socket (a Content-Length body; no chunked decoding needed here). */
  static Raw parse(byte[] response) {
    String text = new String(response, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (text.isEmpty() || end < 0) return new Raw(-1, Map.of(), text);
    String[] lines = text.substring(0, end).split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      if (c > 0) headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
    }
    return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
  }

  /** The fixture's model served in-process on a free loopback port over a new store (cap 1,000) in a temporary directory. */
  public record Served(Path dir, EventStore store, ServeApp app, int port) implements AutoCloseable {
    @Override
    public void close() {
      try {
        app.close();
      } finally {
        store.close();
        deleteQuietly(dir);
      }
    }
  }

  public static Served serve(ServerOptions options) { return serve(model(), options); }

  /** {@code model} served in-process on a free loopback port over a new store (cap 1,000) in a temporary directory. */
  public static Served serve(Path model, ServerOptions options) {
    Path dir;
    try {
      dir = Files.createTempDirectory("r2led-serve-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    EventStore store = EventStore.open(dir.resolve("store"), 1000);
    try {
      ServeApp app = new ServeApp(ScoringModel.load(model), store, Limits.DEFAULT, options);
      return new Served(dir, store, app, app.start("127.0.0.1", 0));
    } catch (RuntimeException e) {
      store.close();
      deleteQuietly(dir);
      throw e;
    }
  }
}
