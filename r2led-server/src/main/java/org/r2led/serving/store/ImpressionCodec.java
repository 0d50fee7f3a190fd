package org.r2led.serving.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Value of an impression key: version byte 1, user, flags (bit 0 labels, bit 1 request id, bit 2 model
 * id), item count (u16), the items, one label byte per item when labeled, then the ids present.
 */
final class ImpressionCodec {
  private ImpressionCodec() {}

  private static final int VERSION = 1;

  static byte[] encode(Impression m) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 16 * m.items().size());
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(VERSION);
      out.writeUTF(m.user());
      out.writeByte((m.labeled() ? 1 : 0) | (m.requestId() != null ? 2 : 0) | (m.modelId() != null ? 4 : 0));
      out.writeShort(m.items().size());
      for (String item : m.items()) out.writeUTF(item);
      if (m.labeled()) for (int l : m.labels()) out.writeByte(l);
      if (m.requestId() != null) out.writeUTF(m.requestId());
      if (m.modelId() != null) out.writeUTF(m.modelId());
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The impression stored under {@code key} (its time comes from the key). */
  static Impression decode(byte[] key, byte[] value) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(value));
      int v = in.readUnsignedByte();
      if (v != VERSION) throw new IllegalStateException("impression value version " + v + " (this build reads " + VERSION + ")");
      String user = in.readUTF();
      int flags = in.readUnsignedByte();
      int n = in.readUnsignedShort();
      List<String> items = new ArrayList<>(n);
      for (int k = 0; k < n; k++) items.add(in.readUTF());
      List<Integer> labels = null;
      if ((flags & 1) != 0) {
        labels = new ArrayList<>(n);
        for (int k = 0; k < n; k++) labels.add(in.readUnsignedByte());
      }
      String requestId = (flags & 2) != 0 ? in.readUTF() : null;
      String modelId = (flags & 4) != 0 ? in.readUTF() : null;
      return new Impression(user, EventKeys.ts(key), items, labels, requestId, modelId);
    } catch (IOException e) {
      throw new UncheckedIOException("damaged impression value", e);
    }
  }
}
