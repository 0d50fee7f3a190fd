package org.r2led.serving.http;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The service's access token: every route but {@code /health} requires {@code Authorization: Bearer
 * <token>}. Only the token's SHA-256 digest is kept, and a presented token is compared by digest with
 * {@link MessageDigest#isEqual} (constant time, whatever its length).
 */
public final class BearerAuth {
  private final byte[] digest;

  private BearerAuth(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new IllegalArgumentException("the token must be printable ASCII without spaces (character " + i + " is not)");
      }
    }
    this.digest = sha256(token.getBytes(StandardCharsets.US_ASCII));
  }

  /** A token given as is (tests, embedding). */
  public static BearerAuth of(String token) {
    if (token == null || token.isEmpty()) throw new IllegalArgumentException("the token is empty");
    return new BearerAuth(token);
  }

  /**
   * The token in {@code file} (surrounding whitespace, e.g. the final newline, removed), read once.
   * Refuses an unreadable or empty file; warns on {@code warnings} when group or others may read it.
   */
  public static BearerAuth fromFile(Path file, PrintStream warnings) {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read the token file " + file + ": " + e, e);
    }
    if (token.isEmpty()) throw new IllegalArgumentException("the token file " + file + " is empty");
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      if (p.stream().anyMatch(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ)::contains)) {
        warnings.println("warning: the token file " + file + " is readable by group or others; chmod 600 it");
      }
    } catch (IOException | UnsupportedOperationException e) {
      // not a POSIX file system: nothing to check
    }
    try {
      return new BearerAuth(token);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the token file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code authorization} (the header's value, or null) is {@code Bearer <the token>}. */
  public boolean accepts(String authorization) {
    if (authorization == null || authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
    return MessageDigest.isEqual(digest, sha256(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
