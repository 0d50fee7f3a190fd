package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.serving.http.BearerAuth;
import org.r2led.serving.http.PemIdentity;
import org.r2led.serving.http.ServerOptions;

/**
 * {@code serve --tls-cert --tls-key}: HTTPS with a self-signed certificate made in the test (keytool,
 * shipped with the JDK, then the key written as PKCS#8 PEM); other key formats are refused with the
 * openssl command that converts them; a key of another certificate is refused.
 */
class ServeTlsTest {
  @TempDir Path tmp;

  /** A self-signed identity for 127.0.0.1/localhost: {@code name.cert.pem} and {@code name.key.pem} (PKCS#8). */
  Path[] identity(String name, String keyAlgorithm) throws Exception {
    Path store = tmp.resolve(name + ".p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(keytool, "-genkeypair", "-alias", "a", "-keyalg", keyAlgorithm, "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    Path cert = tmp.resolve(name + ".cert.pem");
    Path key = tmp.resolve(name + ".key.pem");
    Files.writeString(cert, pem("CERTIFICATE", ks.getCertificate("a").getEncoded()));
    Files.writeString(key, pem("PRIVATE KEY", ks.getKey("a", "changeit".toCharArray()).getEncoded()));
    return new Path[] {cert, key};
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
  }

  /** A client trusting only {@code cert}. */
  static HttpClient client(Path cert) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(cert))));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Test
  void servesHttpsWithAPemCertificateAndPkcs8Key() throws Exception {
    Path[] id = identity("rsa", "RSA");
    try (ServeFixture.Served served = ServeFixture.serve(
        ServerOptions.defaults(1).withTls(PemIdentity.load(id[0], id[1])).withAuth(BearerAuth.of("tok")))) {
      int port = served.port();
      HttpClient https = client(id[0]);
      String base = "https://127.0.0.1:" + port;
      HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), health.body());
      HttpResponse<String> events = https.send(HttpRequest.newBuilder(URI.create(base + "/v1/events")).header("Authorization", "Bearer tok")
          .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"t\",\"item\":\"1\",\"ts\":1700000000}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, events.statusCode(), events.body());
      HttpResponse<String> score = https.send(HttpRequest.newBuilder(URI.create(base + "/v1/score")).header("Authorization", "Bearer tok")
          .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"t\",\"candidates\":[\"1\",\"2\"]}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, score.statusCode(), score.body());
      assertTrue(score.body().contains("\"scores\""));
      // plain HTTP on the TLS port gets no answer of the service
      assertNotEquals(200, ServeFixture.raw(port, "GET /health HTTP/1.1", "", null).status());
      // a client that does not trust the certificate cannot connect
      HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      assertThrows(IOException.class, () -> untrusting.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
  }

  @Test
  void otherKeyFormatsAndMismatchedKeysAreClearErrors() throws Exception {
    Path[] rsa = identity("rsa", "RSA");
    Path[] ec = identity("ec", "EC");
    // an EC key in PKCS#8 is accepted
    assertEquals(1, PemIdentity.load(ec[0], ec[1]).size());
    for (String type : List.of("RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY")) {
      Path key = tmp.resolve(type.replace(' ', '-') + ".pem");
      Files.writeString(key, pem(type, new byte[] {1, 2, 3}));
      String m = assertThrows(IllegalArgumentException.class, () -> PemIdentity.load(rsa[0], key)).getMessage();
      assertTrue(m.contains("openssl pkcs8 -topk8 -nocrypt"), m);
    }
    String m = assertThrows(IllegalArgumentException.class, () -> PemIdentity.load(rsa[0], ec[1])).getMessage();
    assertTrue(m.contains("does not belong"), m);
    m = assertThrows(IllegalArgumentException.class, () -> PemIdentity.load(rsa[1], rsa[1])).getMessage();
    assertTrue(m.contains("no PEM certificate"), m);
    m = assertThrows(IllegalArgumentException.class, () -> PemIdentity.load(rsa[0], tmp.resolve("absent.pem"))).getMessage();
    assertTrue(m.contains("cannot read"), m);
  }
}
