package org.r2led.data.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Field access on a JSON-lines record that raises {@link RowProblem} naming the field (and its alternatives). */
final class JsonFields {
  private JsonFields() {}

  /** The first of {@code names} present and not null, or null. */
  static JsonNode first(JsonNode o, String... names) {
    for (String n : names) {
      JsonNode v = o.get(n);
      if (v != null && !v.isNull()) return v;
    }
    return null;
  }

  /** The first present field as text; fails naming all alternatives when none is present or it is empty. */
  static String required(JsonNode o, String... names) {
    JsonNode v = first(o, names);
    String s = v == null || v.isContainerNode() ? "" : v.asText().trim();
    if (s.isEmpty()) throw new RowProblem("missing field " + alternatives(names));
    return s;
  }

  /** The first present field as an id ({@link Fields#id}), named by the field that holds it. */
  static String id(JsonNode o, String... names) {
    for (String n : names) {
      JsonNode v = o.get(n);
      if (v == null || v.isNull()) continue;
      String s = v.isContainerNode() ? "" : Fields.stripSpaces(v.asText());
      if (s.isEmpty()) break;
      return Fields.checkedId(s, n);
    }
    throw new RowProblem("missing field " + alternatives(names));
  }

  /** The first present field's raw text (numbers as written), or null; for sampling. */
  static String raw(JsonNode o, String... names) {
    JsonNode v = first(o, names);
    return v == null || v.isContainerNode() ? null : v.asText();
  }

  /**
   * Strings of a field that is a string or a list of strings (others ignored), without surrounding
   * spaces, not blank.
   */
  static List<String> strings(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v == null) return out;
    if (v.isArray()) {
      for (JsonNode e : v) if (e.isValueNode() && !e.asText().isBlank()) out.add(Fields.stripSpaces(e.asText()));
    } else if (v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
      out.add(Fields.stripSpaces(v.asText()));
    }
    return out;
  }

  static String alternatives(String... names) {
    StringBuilder sb = new StringBuilder("'" + names[0] + "'");
    for (int i = 1; i < names.length; i++) sb.append(" (or '").append(names[i]).append("')");
    return sb.toString();
  }
}
