package org.r2led.data.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files of an Amazon reviews input: the reviews (JSON lines, e.g. {@code reviews_Books_5.json.gz},
 * {@code Books_5.json.gz}, {@code Books.jsonl.gz}) and optionally the item metadata (a file whose name
 * starts with {@code meta_}). {@code --input} is the reviews file (then {@code --items} names the
 * metadata) or a directory holding exactly one reviews file and at most one metadata file.
 *
 * @param reviews the reviews file
 * @param metadata the metadata file, or null
 */
public record AmazonInputs(Path reviews, Path metadata) {
  /** Finds the files; fails naming what was found when the input is ambiguous. */
  public static AmazonInputs of(Path input, Path items) {
    if (Files.isRegularFile(input)) {
      if (items != null && !Files.isRegularFile(items)) throw new IllegalArgumentException("metadata file not found: " + items);
      return new AmazonInputs(input, items);
    }
    if (!Files.isDirectory(input)) throw new IllegalArgumentException("Amazon input not found: " + input);
    List<Path> reviews = new ArrayList<>();
    List<Path> meta = new ArrayList<>();
    try (Stream<Path> s = Files.list(input)) {
      for (Path p : s.sorted().toList()) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(p) || !(n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".json.gz")
            || n.endsWith(".jsonl.gz"))) continue;
        (n.startsWith("meta_") ? meta : reviews).add(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + input, e);
    }
    if (reviews.size() != 1 || meta.size() > 1 || (items != null && !meta.isEmpty())) {
      throw new IllegalArgumentException("Amazon input directory " + input + " must hold one reviews file (.json, .jsonl,"
          + " optionally .gz) and at most one metadata file (meta_*); found reviews " + names(reviews) + ", metadata "
          + names(meta) + " (pass the reviews file as --input and the metadata as --items)");
    }
    return new AmazonInputs(reviews.get(0), items != null ? items : meta.isEmpty() ? null : meta.get(0));
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(p -> p.getFileName().toString()).toList();
  }

  /** The files, reviews first. */
  public List<Path> files() {
    return metadata == null ? List.of(reviews) : List.of(reviews, metadata);
  }
}
