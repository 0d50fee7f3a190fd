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

/** Asks a running {@code r2led serve} to load a model: {@code POST URL/admin/reload {"model": DIR}}. */
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
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/admin/reload")).timeout(Duration.ofMinutes(5))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.toString(Map.of("model", model.toAbsolutePath().toString()))));
    if (token != null) b.header("Authorization", "Bearer " + token);
    try {
      HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
          .send(b.build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? "" : "POST " + url + "/admin/reload answered " + r.statusCode() + ": " + r.body();
    } catch (IOException e) {
      return "POST " + url + "/admin/reload failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "POST " + url + "/admin/reload interrupted";
    }
  }
}
