package org.r2led.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One shared Jackson mapper with deterministic output (sorted map keys, pretty printed). */
public final class Json {
  private Json() {}

  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** Writes {@code value} as JSON atomically (temp file + rename). */
  public static void write(Path file, Object value) {
    try {
      AtomicFiles.write(file, MAPPER.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON " + file, e);
    }
  }

  public static <T> T read(Path file, Class<T> type) {
    try {
      return MAPPER.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read JSON " + file + ": " + e.getMessage(), e);
    }
  }

  public static String toString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
