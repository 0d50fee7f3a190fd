package org.r2led.serving.http;

/** A client error: answered with {@code status} and {@code {"error": message, "field": field}}. */
final class BadRequest extends RuntimeException {
  final int status;
  final String field;

  BadRequest(int status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  static BadRequest of(String field, String message) { return new BadRequest(400, field, field + " " + message); }
}
