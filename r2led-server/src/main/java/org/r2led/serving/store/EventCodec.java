package org.r2led.serving.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Value of an event key: version byte 1, item, flags (bit 0 type, bit 1 category), then those present. */
final class EventCodec {
  private EventCodec() {}

  private static final int VERSION = 1;

  static byte[] encode(Event e) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + e.item().length());
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(VERSION);
      out.writeUTF(e.item());
      out.writeByte((e.type() != null ? 1 : 0) | (e.category() != null ? 2 : 0));
      if (e.type() != null) out.writeUTF(e.type());
      if (e.category() != null) out.writeUTF(e.category());
      return bytes.toByteArray();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /**
   * The stored event, or null when it holds an id that breaks the id rule (written before the service
   * checked ids with {@link org.r2led.data.Ids}): such an event cannot be served as it is.
   */
  static Event decode(String user, byte[] key, byte[] value) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(value));
      int v = in.readUnsignedByte();
      if (v != VERSION) throw new IllegalStateException("event value version " + v + " (this build reads " + VERSION + ")");
      String item = in.readUTF();
      int flags = in.readUnsignedByte();
      String type = (flags & 1) != 0 ? in.readUTF() : null;
      String category = (flags & 2) != 0 ? in.readUTF() : null;
      try {
        return new Event(user, item, EventKeys.ts(key), type, category);
      } catch (IllegalArgumentException invalid) {
        return null;
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("damaged event value", ex);
    }
  }
}
