package org.r2led.serving.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The server's TLS identity from PEM files: a certificate chain (server certificate first) and an
 * unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}, RSA or EC), held in an in-memory key store
 * for Jetty. Other key formats are refused with the {@code openssl} command that converts them.
 */
public final class PemIdentity {
  /** Password of the in-memory key store (it never leaves the process). */
  static final String PASSWORD = "r2led";
  private static final String CONVERT = "convert it to unencrypted PKCS#8 with `openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8.pem`";

  private PemIdentity() {}

  /** The key store holding {@code key} with the chain of {@code cert}; IllegalArgumentException naming the file when unusable. */
  public static KeyStore load(Path cert, Path key) {
    List<X509Certificate> chain = certificates(cert);
    PrivateKey pk = privateKey(key);
    if (!matches(pk, chain.get(0))) {
      throw new IllegalArgumentException("the private key " + key + " does not belong to the certificate in " + cert);
    }
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("r2led", pk, PASSWORD.toCharArray(), chain.toArray(new Certificate[0]));
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the key store: " + e, e);
    }
  }

  private static List<X509Certificate> certificates(Path file) {
    String text = read(file, "certificate");
    if (!text.contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException("the certificate file " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    try {
      var certs = CertificateFactory.getInstance("X.509").generateCertificates(
          new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
      List<X509Certificate> out = certs.stream().map(c -> (X509Certificate) c).toList();
      if (out.isEmpty()) throw new IllegalArgumentException("the certificate file " + file + " holds no certificate");
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the certificate file " + file + " is not a valid PEM certificate: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file) {
    String text = read(file, "key");
    if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
      throw new IllegalArgumentException("the key file " + file + " is a PKCS#1/SEC1 (traditional OpenSSL) key; " + CONVERT);
    }
    if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw new IllegalArgumentException("the key file " + file + " is encrypted; " + CONVERT);
    }
    int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("the key file " + file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----); " + CONVERT);
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key file " + file + " is not valid base64: " + e.getMessage(), e);
    }
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException("the key file " + file + " is neither an RSA nor an EC PKCS#8 key");
  }

  /** Whether {@code key} signs what the certificate's public key verifies. */
  private static boolean matches(PrivateKey key, X509Certificate cert) {
    String alg = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    if (!cert.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) return false;
    try {
      byte[] probe = "r2led".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(alg);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(cert.getPublicKey());
      v.update(probe);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String read(Path file, String what) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the TLS " + what + " file " + file + ": " + e, e);
    }
  }
}
