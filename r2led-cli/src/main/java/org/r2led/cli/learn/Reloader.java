package org.r2led.cli.learn;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.r2led.io.Json;

/**
 * Talks to a running {@code r2led serve}: asks it to load a model ({@code POST URL/admin/reload {"model": DIR}})
 * and reports each learning cycle to it ({@code POST URL/admin/learn-cycle}, shown by its {@code /metrics}).
 */
public final class Reloader {
  private final String url;
  private final String token;

  /** {@code url} like {@code http://127.0.0.1:8080}; {@code tokenFile} holds the bearer token, or null. */
  public Reloader(String url, Path tokenFile) {
    this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    try {
      this.token = tokenFile == null ? null : Files.readString(tokenFile).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the --auth-token-file " + tokenFile + ": " + e.getMessage(), e);
    }
  }

  /** Empty when the service loaded {@code model}, else why not (status and body, or the connection error). */
  public String reload(Path model) {
    return post("/admin/reload", Map.of("model", model.toAbsolutePath().toString()), Duration.ofMinutes(5));
  }

  /** Empty when the service took the cycle's record ({@link CycleRecord#json}), else why not. */
  public String report(Map<String, Object> cycle) {
    return post("/admin/learn-cycle", cycle, Duration.ofSeconds(30));
  }

  private String post(String path, Map<String, Object> body, Duration timeout) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.toString(body)));
    if (token != null) b.header("Authorization", "Bearer " + token);
    try {
      HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
          .send(b.build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? "" : "POST " + url + path + " answered " + r.statusCode() + ": " + r.body();
    } catch (IOException e) {
      return "POST " + url + path + " failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "POST " + url + path + " interrupted";
    }
  }
}
