package org.r2led.serving.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON responses. */
final class Responses {
  private Responses() {}

  static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(write(body));
  }

  static void error(Context ctx, int status, String field, String message) { json(ctx, status, errorBody(status, field, message)); }

  /** The documented client error {@code {error, field, status}}. */
  static Map<String, Object> errorBody(int status, String field, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("field", field);
    body.put("status", status);
    return body;
  }

  static String write(Object body) {
    try {
      return JsonInput.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
