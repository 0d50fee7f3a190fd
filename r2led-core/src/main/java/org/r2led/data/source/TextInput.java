package org.r2led.data.source;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * A text file read char by char in a given encoding: {@code .gz} files are decompressed on the fly,
 * a leading byte-order mark is dropped, and bytes that do not decode are never replaced silently —
 * the char returned in their place (U+FFFD) comes with {@link #problem()} naming the byte value, its
 * byte offset in the (decompressed) file and, for UTF-8, the hint to pass {@code --encoding ISO-8859-1}.
 * {@link #offset()} is the byte offset reached (exact for UTF-8 and single-byte encodings, which the
 * inputs use; estimated by re-encoding for others), so readers name where an over-long row starts.
 */
public final class TextInput implements Closeable {
  private final String file;
  private final Charset charset;
  private final CountingStream counter;
  private final InputStream in;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
  private final CharBuffer chars = CharBuffer.allocate((1 << 16) + 1);
  private final long size;
  /** Offset in the decoded stream of {@code bytes[0]}. */
  private long bytesBase;
  private boolean eof;
  private boolean flushed;
  private boolean started;
  /** Positions in {@code chars} of replacement chars, with their problems; consumed in order. */
  private int[] badAt = new int[4];
  private String[] badWhy = new String[4];
  private int[] badLen = new int[4];
  private int badHead;
  private int badCount;
  private String problem;
  /** Byte length of the char last returned, and the byte offset just after it. */
  private int lastBytes;
  private long offset;
  private final Width width;
  private final java.nio.charset.CharsetEncoder encoder;

  /** Opens {@code file} in {@code charset} (UTF-8 when null). */
  public TextInput(Path file, Charset charset) {
    this.file = file.toString();
    this.charset = charset == null ? StandardCharsets.UTF_8 : charset;
    try {
      this.size = Files.size(file);
      this.counter = new CountingStream(Files.newInputStream(file));
      this.in = isGzip(file) ? new GZIPInputStream(counter, 1 << 16) : counter;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
    this.decoder = decoder(this.charset);
    this.width = Width.of(this.charset);
    this.encoder = width == Width.ENCODED ? this.charset.newEncoder() : null;
    bytes.flip();
    chars.flip();
  }

  /**
   * Reads a piece of a file already opened elsewhere (e.g. the lines of one distributed partition):
   * {@code byteBase} is the offset of its first byte in the file, so decoding problems name file offsets.
   */
  public TextInput(InputStream in, String name, Charset charset, long byteBase) {
    this.file = name;
    this.charset = charset == null ? StandardCharsets.UTF_8 : charset;
    this.size = -1;
    this.counter = new CountingStream(in);
    this.in = counter;
    this.bytesBase = byteBase;
    this.offset = byteBase;
    this.decoder = decoder(this.charset);
    this.width = Width.of(this.charset);
    this.encoder = width == Width.ENCODED ? this.charset.newEncoder() : null;
    bytes.flip();
    chars.flip();
  }

  /** How the byte length of a decoded char is known: computed, one byte, re-encoded (estimated, or one byte when the charset cannot encode). */
  private enum Width {
    UTF8, SINGLE, ENCODED;

    static Width of(Charset c) {
      if (c.equals(StandardCharsets.UTF_8)) return UTF8;
      return !c.canEncode() || c.newEncoder().maxBytesPerChar() == 1f ? SINGLE : ENCODED;
    }
  }

  private static CharsetDecoder decoder(Charset charset) {
    return charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** True for a {@code .gz} file name (read through {@link GZIPInputStream}). */
  public static boolean isGzip(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  /** Resolves an encoding name; fails with the name and examples when unknown. */
  public static Charset charset(String name) {
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown encoding '" + name + "' (examples: UTF-8, ISO-8859-1, windows-1252)");
    }
  }

  public Charset charset() { return charset; }

  /** Compressed bytes consumed so far (for progress against {@link #size()}). */
  public long bytesRead() { return counter.count; }

  /** Size of the file on disk (-1 for a stream). */
  public long size() { return size; }

  /** The next char, or -1 at the end. Sets {@link #problem()} for a char that stands for undecodable bytes. */
  public int read() {
    if (!chars.hasRemaining() && !fill()) return -1;
    int pos = chars.position();
    char c = chars.get();
    if (badHead < badCount && badAt[badHead] == pos) {
      lastBytes = badLen[badHead];
      problem = badWhy[badHead++];
    } else {
      lastBytes = bytesOf(c);
      problem = null;
    }
    offset += lastBytes;
    return c;
  }

  /** Why the char last returned by {@link #read()} is not the file's text, or null when it is. */
  public String problem() { return problem; }

  /** Bytes the char last returned by {@link #read()} stands for. */
  public int lastBytes() { return lastBytes; }

  /** Byte offset in the (decompressed) file just after the char last returned. */
  public long offset() { return offset; }

  /**
   * Bytes {@code c} takes in this encoding (each half of a surrogate pair counts half of the pair's
   * bytes in UTF-8).
   */
  public int bytesOf(char c) {
    switch (width) {
      case UTF8: return c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
      case SINGLE: return 1;
      default:
        if (Character.isSurrogate(c)) return 2;
        try {
          return encoder.reset().encode(CharBuffer.wrap(new char[] {c})).remaining();
        } catch (java.nio.charset.CharacterCodingException e) {
          return 1;
        }
    }
  }

  /**
   * The problem of a row longer than {@code limit} bytes that starts at byte offset {@code start}.
   */
  public static String tooLong(long start, int limit) {
    return String.format(Locale.ROOT, "row starting at byte offset %d is longer than %,d bytes, the limit for one row"
        + " (raise it with --max-line-bytes)", start, limit);
  }

  private boolean fill() {
    if (flushed) return false;
    chars.clear();
    badHead = 0;
    badCount = 0;
    while (chars.position() == 0) {
      if (!bytes.hasRemaining() && eof) {
        decoder.decode(bytes, chars, true);
        decoder.flush(chars);
        flushed = true;
        break;
      }
      if (!eof) readBytes();
      CoderResult r = decoder.decode(bytes, chars, eof);
      if (r.isError()) {
        int at = bytes.position();
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
          hex.append(i == 0 ? "" : " ").append(String.format("0x%02X", bytes.get(at + i) & 0xff));
        }
        bytes.position(at + r.length());
        markBad(chars.position(), r.length(), "undecodable byte" + (r.length() > 1 ? "s " : " ") + hex + " at byte offset "
            + (bytesBase + at) + " (not valid " + charset.name() + hint() + ")");
        chars.put('\uFFFD');
      } else if (eof && !bytes.hasRemaining()) {
        decoder.flush(chars);
        flushed = true;
        break;
      }
    }
    chars.flip();
    if (!started && chars.hasRemaining()) {
      started = true;
      if (chars.get(0) == '\uFEFF') offset += bytesOf(chars.get());
    }
    return chars.hasRemaining();
  }

  private String hint() {
    return charset.equals(StandardCharsets.UTF_8)
        ? "; if the file is Latin-1, read it with --encoding ISO-8859-1" : "; choose the file's encoding with --encoding NAME";
  }

  private void markBad(int pos, int length, String why) {
    if (badCount == badAt.length) {
      badAt = java.util.Arrays.copyOf(badAt, badCount * 2);
      badWhy = java.util.Arrays.copyOf(badWhy, badCount * 2);
      badLen = java.util.Arrays.copyOf(badLen, badCount * 2);
    }
    badAt[badCount] = pos;
    badLen[badCount] = length;
    badWhy[badCount++] = why;
  }

  private void readBytes() {
    bytesBase += bytes.position();
    bytes.compact();
    try {
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (n < 0) {
        eof = true;
      } else {
        bytes.position(bytes.position() + n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    bytes.flip();
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }

  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) { super(in); }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) count++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) count += n;
      return n;
    }
  }
}
