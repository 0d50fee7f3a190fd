package org.r2led.serving.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own answers, for requests refused before they reach a route (a path Jetty cannot decode such
 * as {@code %00} or {@code %zz}, a bad Content-Length, headers over 8 KiB, an {@code HTTP/2.0} request
 * line), as the service's JSON error {@code {error, field, status}} instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status, reason));
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    byte[] body = body(response.getStatus(), message != null ? message.toString() : base.getResponse().getReason());
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    base.setHandled(true);
  }

  /** The JSON error for {@code status} with Jetty's {@code reason}; {@code field} says which part of the request. */
  static byte[] body(int status, String reason) {
    String r = reason == null ? "" : reason;
    String lower = r.toLowerCase(Locale.ROOT);
    String field;
    String hint = "";
    if (lower.contains("content-length")) {
      field = "Content-Length";
    } else if (status == 431) {
      field = "headers";
      hint = "; request headers may be at most 8 KiB";
    } else if (status == 426 || status == 505) {
      field = "version";
      hint = "; this service speaks HTTP/1.1 (and 1.0)";
    } else if (status == 414 || lower.contains("uri") || lower.contains("path") || lower.contains("encoding")) {
      field = "path";
    } else if (status == 413) {
      field = "body";
    } else {
      field = status >= 500 ? null : "request";
    }
    String standard = HttpStatus.getMessage(status);
    String message = (r.isEmpty() || r.equalsIgnoreCase(standard) ? standard : standard + ": " + r) + hint;
    if (status == 400 && "request".equals(field)) message += " (malformed request line, path or headers)";
    return Responses.write(Responses.errorBody(status, field, message)).getBytes(StandardCharsets.UTF_8);
  }
}
