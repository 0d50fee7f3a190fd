package org.r2led.data.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The file layout of a MovieLens release, recognised by the files of its directory:
 *
 * <ul>
 *   <li>{@code csv} (20M, 25M, 32M, latest): {@code ratings.csv}, {@code movies.csv}, optional
 *       {@code tags.csv}; comma-separated with a header row and RFC 4180 quoting; UTF-8.
 *   <li>{@code dat} (1M, 10M): {@code ratings.dat}, {@code movies.dat}, optional {@code tags.dat}
 *       (10M); {@code ::}-separated, no header, no quoting. The 1M {@code movies.dat} (the layout
 *       without {@code tags.dat}) is Latin-1, the other files UTF-8.
 *   <li>{@code 100k}: {@code u.data} (tab-separated user, item, rating, timestamp), {@code u.item}
 *       ({@code |}-separated: id, title, release date, video release date, IMDb URL, then one 0/1
 *       flag per genre; Latin-1) and {@code u.genre} ({@code name|index}, naming the flags).
 * </ul>
 * An explicit {@code --encoding} replaces every documented encoding.
 *
 * @param name layout name ({@code csv}, {@code dat}, {@code 100k})
 * @param ratings the ratings file name
 * @param movies the movies file name
 * @param tags the tags file name, or null when the layout has none (or the directory lacks it)
 * @param genres the genre-names file (100K), else null
 * @param ratingsDialect how ratings and tags files are split
 * @param moviesDialect how the movies file is split
 * @param header whether each file starts with a header row
 */
public record MovieLensLayout(String name, String ratings, String movies, String tags, String genres,
    CsvReader.Dialect ratingsDialect, CsvReader.Dialect moviesDialect, boolean header) {

  /** Recognises the layout of {@code dir}; fails listing the files looked for and found. */
  public static MovieLensLayout detect(Path dir, ReadOptions ro) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("MovieLens input must be a directory (ml-latest, ml-25m, ml-1m, ml-100k, ...): " + dir);
    }
    Charset latin1 = StandardCharsets.ISO_8859_1;
    if (has(dir, "ratings.csv") && has(dir, "movies.csv")) {
      CsvReader.Dialect d = ro.dialect(",", true, null);
      return new MovieLensLayout("csv", "ratings.csv", "movies.csv", optional(dir, "tags.csv"), null, d, d, true);
    }
    if (has(dir, "ratings.dat") && has(dir, "movies.dat")) {
      String tags = optional(dir, "tags.dat");
      CsvReader.Dialect d = ro.dialect("::", false, null);
      return new MovieLensLayout("dat", "ratings.dat", "movies.dat", tags, null, d,
          ro.dialect("::", false, tags == null ? latin1 : null), false);
    }
    if (has(dir, "u.data") && has(dir, "u.item") && has(dir, "u.genre")) {
      return new MovieLensLayout("100k", "u.data", "u.item", null, "u.genre", ro.dialect("\t", false, null),
          ro.dialect("|", false, latin1), false);
    }
    throw new IllegalArgumentException("MovieLens directory " + dir + " matches no known layout: looked for"
        + " ratings.csv + movies.csv [+ tags.csv] (20M/25M/latest), ratings.dat + movies.dat [+ tags.dat] (1M/10M),"
        + " u.data + u.item + u.genre (100K); found " + listing(dir)
        + ". For other files use --source csv (see docs/data-formats.md).");
  }

  /** The files this layout reads (ratings, movies, tags, genres; those present). */
  public List<Path> files(Path dir) {
    List<Path> out = new ArrayList<>();
    out.add(dir.resolve(ratings));
    out.add(dir.resolve(movies));
    if (tags != null) out.add(dir.resolve(tags));
    if (genres != null) out.add(dir.resolve(genres));
    return out;
  }

  private static boolean has(Path dir, String file) {
    return Files.isRegularFile(dir.resolve(file));
  }

  private static String optional(Path dir, String file) {
    return has(dir, file) ? file : null;
  }

  private static String listing(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
      if (names.isEmpty()) return "an empty directory";
      return names.size() > 12 ? names.subList(0, 12) + " and " + (names.size() - 12) + " more" : names.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
