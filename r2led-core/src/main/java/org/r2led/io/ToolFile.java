package org.r2led.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * A single file a command writes at a path the user chose (a {@code --json} or {@code --out} file, a
 * table beside run directories, a vector file). It is written atomically ({@link AtomicFiles}: temp
 * file, fsync, rename), at the real path of a symbolic link, and an existing file is replaced only when
 * its content shows this tool wrote it: text by its beginning (a Markdown file by its header line
 * {@link #markdownHeader}, a CSV file by its column line), JSON by the keys this command writes, a chart
 * by its tag ({@link PngText}). Anything else is refused, naming the file and saying what to do.
 *
 * @param mark how this tool's file is recognised, for messages
 * @param ours whether the existing file at {@code path} is this tool's
 */
public record ToolFile(Path path, String mark, Predicate<Path> ours) {
  /** Bytes of a text file read to recognise it. */
  private static final int HEAD = 4096;

  public ToolFile {
    path = DirLock.realPath(path);
  }

  /** A text file recognised by its beginning (at most {@value #HEAD} bytes, as UTF-8). */
  public static ToolFile text(Path path, String mark, Predicate<String> head) {
    return new ToolFile(path, mark, p -> head.test(head(p)));
  }

  /** The first line of a Markdown file written by {@code command} (e.g. "bench summarize"). */
  public static String markdownHeader(String command) {
    return "<!-- written by r2led " + command + "; rerunning it replaces this file -->";
  }

  /**
   * A Markdown file of {@code command}: its first line is {@link #markdownHeader}, or {@code legacy}
   * accepts its beginning (as written by earlier versions, without the header).
   */
  public static ToolFile markdown(Path path, String command, Predicate<String> legacy) {
    String header = markdownHeader(command);
    return text(path, "r2led's begins with the line " + header, h -> h.startsWith(header + "\n") || legacy.test(h));
  }

  /** A CSV (or other text) file recognised by its first line, {@code header}. */
  public static ToolFile csv(Path path, String header) {
    return text(path, "r2led's begins with the line " + header, h -> h.startsWith(header + "\n"));
  }

  /** A JSON file recognised as an object holding every one of {@code keys}. */
  public static ToolFile json(Path path, Collection<String> keys) {
    List<String> k = List.copyOf(keys);
    return new ToolFile(path, "r2led's is a JSON object with the keys " + String.join(", ", k), p -> {
      try {
        JsonNode n = Json.MAPPER.readTree(p.toFile());
        return n != null && n.isObject() && k.stream().allMatch(n::has);
      } catch (IOException | RuntimeException e) {
        return false;
      }
    });
  }

  /** A PNG chart recognised by its tag ({@link PngText}). */
  public static ToolFile png(Path path) {
    return new ToolFile(path, "r2led's is a PNG tagged Software: r2led", p -> {
      try {
        return PngText.signed(Files.readAllBytes(p));
      } catch (IOException e) {
        return false;
      }
    });
  }

  /** Throws, before anything is written, when one of {@code files} exists and is not this tool's; lists them. */
  public static void check(List<ToolFile> files) {
    List<String> refused = new ArrayList<>();
    List<String> marks = new ArrayList<>();
    for (ToolFile f : files) {
      if (!Files.exists(f.path())) continue;
      if (Files.isDirectory(f.path())) {
        throw new IllegalArgumentException("cannot write " + f.path() + ": it is a directory; choose a file path");
      }
      if (f.ours().test(f.path())) continue;
      refused.add(f.path().toString());
      if (!marks.contains(f.mark())) marks.add(f.mark());
    }
    if (refused.isEmpty()) return;
    String it = refused.size() == 1 ? "it" : "them";
    throw new IllegalArgumentException("refusing to overwrite " + StagedDir.shown(refused) + ": r2led did not write " + it
        + " (" + String.join("; ", marks) + "); move " + it + " away (or choose another path) and run again");
  }

  /** This file, after {@link #check}ing it: to refuse before a long computation rather than after it. */
  public ToolFile checked() {
    check(List.of(this));
    return this;
  }

  /** Checks (see {@link #check}) and writes {@code value} as JSON ({@link Json#MAPPER}) atomically. */
  public void writeJson(Object value) {
    write(Json.toString(value).getBytes(StandardCharsets.UTF_8));
  }

  /** Checks (see {@link #check}) and writes {@code bytes} atomically. */
  public void write(byte[] bytes) {
    write(out -> out.write(bytes));
  }

  /** Checks (see {@link #check}) and writes what {@code content} produces atomically. */
  public void write(AtomicFiles.Content content) {
    check(List.of(this));
    try {
      AtomicFiles.write(path, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  private static String head(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      return new String(in.readNBytes(HEAD), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
