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
    try {
      ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(JsonInput.MAPPER.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static void error(Context ctx, int status, String field, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("field", field);
    body.put("status", status);
    json(ctx, status, body);
  }
}
