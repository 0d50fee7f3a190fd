package org.r2led.serving.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.util.function.BiFunction;
import java.util.List;
import java.util.ArrayList;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import org.r2led.data.Ids;
import org.r2led.serving.store.Event;

/** Reads and validates JSON request bodies; every failure is a {@link BadRequest} naming the field. */
final class JsonInput {
  private JsonInput() {}

  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
  }

  /** The body as JSON: 413 when longer than {@code maxBytes}, 400 when empty, not UTF-8 or not JSON. */
  static JsonNode body(Context ctx, int maxBytes) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) throw tooLarge(maxBytes);
    byte[] bytes;
    try (InputStream in = ctx.req().getInputStream()) {
      bytes = in.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      throw BadRequest.of("body", "could not be read: " + e.getMessage());
    }
    if (bytes.length > maxBytes) throw tooLarge(maxBytes);
    if (bytes.length == 0) throw BadRequest.of("body", "is empty; expected JSON");
    int bad = malformedUtf8(bytes);
    if (bad >= 0) throw BadRequest.of("body", "is not valid UTF-8 (byte " + bad + ")");
    try {
      return MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw BadRequest.of("body", "is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw BadRequest.of("body", "could not be read: " + e.getMessage());
    }
  }

  /**
   * Offset of the first byte that is not part of well-formed UTF-8 (overlong forms, encoded surrogates
   * and truncated sequences included), or -1. Jackson would otherwise decode some of these into
   * replacement or lone surrogate characters. A separate pass on purpose: Jackson then still parses the
   * bytes, where it refuses a field name escaped as a lone surrogate (from a decoded String it would not).
   */
  static int malformedUtf8(byte[] bytes) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(Math.min(bytes.length, 8192) + 2);
    while (true) {
      CoderResult r = d.decode(in, out, true);
      if (r.isError()) return in.position();
      if (r.isUnderflow()) return d.flush(out).isError() ? in.position() : -1;
      out.clear();
    }
  }

  private static BadRequest tooLarge(int maxBytes) {
    return new BadRequest(413, "body", "body is larger than " + maxBytes + " bytes");
  }

  /** {@code node} as an object with no fields outside {@code allowed}. */
  /**
   * The elements of a non-empty JSON array {@code list} (at {@code field}), each parsed by {@code parse} with its
   * path {@code prefix[i]}; at most {@code max} elements (more is a 413), validated before any is returned.
   */
  static <T> List<T> elements(JsonNode list, String field, String prefix, String noun, int max,
      BiFunction<JsonNode, String, T> parse) {
    if (list.isEmpty()) throw BadRequest.of(field, "is an empty array; send at least one " + noun);
    if (list.size() > max) {
      throw new BadRequest(413, field, "body has " + list.size() + " " + noun + "s; at most " + max + " per request");
    }
    List<T> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) out.add(parse.apply(list.get(i), prefix + "[" + i + "]"));
    return out;
  }

  static JsonNode object(JsonNode node, String path, Set<String> allowed) {
    if (node == null || !node.isObject()) throw BadRequest.of(path.isEmpty() ? "body" : path, "must be a JSON object");
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) throw BadRequest.of(join(path, f), "is not a known field (expected " + String.join(", ", allowed) + ")");
    }
    return node;
  }

  /** A required id: a string obeying {@link Ids} (valid Unicode, no control characters, 1..1024 UTF-8 bytes). */
  static String id(JsonNode obj, String path, String field) {
    String v = optionalId(obj, path, field);
    if (v == null) throw BadRequest.of(join(path, field), "is missing");
    return v;
  }

  /** Like {@link #id}, but absent or null gives null. */
  static String optionalId(JsonNode obj, String path, String field) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) return null;
    return idValue(n, join(path, field));
  }

  static String idValue(JsonNode n, String name) {
    if (!n.isTextual()) throw BadRequest.of(name, "must be a string, got " + kind(n));
    String v = n.textValue();
    String problem = Ids.problem(v);
    if (problem != null) throw BadRequest.of(name, problem);
    return v;
  }

  /** An optional boolean: {@code true}/{@code false}, or null when absent or JSON null. */
  static Boolean optionalBoolean(JsonNode obj, String path, String field) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isBoolean()) throw BadRequest.of(join(path, field), "must be true or false, got " + kind(n));
    return n.booleanValue();
  }

  /** A required timestamp: an integer in (0, {@link Event#MAX_TS}) Unix seconds. */
  static long ts(JsonNode obj, String path, String field) {
    String name = join(path, field);
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) throw BadRequest.of(name, "is missing");
    if (!n.isIntegralNumber()) throw BadRequest.of(name, "must be an integer (Unix seconds), got " + kind(n));
    if (!n.canConvertToLong() || n.longValue() <= 0 || n.longValue() >= Event.MAX_TS) {
      throw BadRequest.of(name, "must be in (0, " + Event.MAX_TS + ") Unix seconds (1970-01-01 .. 2100-01-01), got " + n.asText());
    }
    return n.longValue();
  }

  static String kind(JsonNode n) {
    if (n.isTextual()) return "a string";
    if (n.isNumber()) return "a number";
    if (n.isBoolean()) return "a boolean";
    if (n.isArray()) return "an array";
    if (n.isObject()) return "an object";
    if (n.isNull()) return "null";
    return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  static String join(String path, String field) { return path.isEmpty() ? field : path + "." + field; }
}
