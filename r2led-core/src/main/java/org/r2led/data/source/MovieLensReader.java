package org.r2led.data.source;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader of a MovieLens directory ({@code ratings.csv}, {@code movies.csv}, optional
 * {@code tags.csv}; comma-separated, one header row, RFC 4180 quoting).
 *
 * <ul>
 *   <li>Items: every movie of movies.csv (rated or not), so the item table holds the whole catalog
 *       with text. Categories = genres in listed order (the first is the primary category;
 *       {@code (no genres listed)} is a category too).
 *   <li>Item text = {@code "<title>. Genres: g1, g2. Tags: t1, t2."} with up to {@code maxTags}
 *       distinct tags (case-insensitive; most applied first, ties alphabetical; the first-seen
 *       spelling is kept). The genres part is left out for {@code (no genres listed)}.
 *   <li>Events: one per rating; behavior = rating bucket ({@code r0.5} … {@code r5.0}, codes in
 *       ascending rating order); labels come from the rating.
 *   <li>Bad rows: wrong column count, non-integer ids or timestamps, non-numeric ratings, missing
 *       fields, duplicate movieIds, and ratings or tags of a movie missing from movies.csv.
 * </ul>
 */
public final class MovieLensReader {
  private MovieLensReader() {}

  public static final String RATINGS = "ratings.csv";
  public static final String MOVIES = "movies.csv";
  public static final String TAGS = "tags.csv";
  public static final String NO_GENRES = "(no genres listed)";

  /** The input files of a MovieLens directory (tags.csv only when present); fails naming a missing file. */
  public static List<Path> inputFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("MovieLens input must be a directory with " + RATINGS + " and " + MOVIES + ": " + dir);
    }
    List<Path> out = new ArrayList<>();
    for (String f : List.of(RATINGS, MOVIES)) {
      Path p = dir.resolve(f);
      if (!Files.isRegularFile(p)) throw new IllegalArgumentException("MovieLens directory " + dir + " has no " + f);
      out.add(p);
    }
    if (Files.isRegularFile(dir.resolve(TAGS))) out.add(dir.resolve(TAGS));
    return out;
  }

  private static final class Movie {
    final long line;
    final String title;
    Movie(long line, String title) { this.line = line; this.title = title; }
  }

  private static final class Tag {
    final String spelling;
    int count;
    Tag(String spelling) { this.spelling = spelling; }
  }

  /** Reads the directory; {@code maxTags} caps the tags in each item's text. */
  public static SourceData read(Path dir, int maxTags, BadRows bad, PrintStream log) {
    List<Path> files = inputFiles(dir);
    IdDictionary users = new IdDictionary();
    IdDictionary items = new IdDictionary();
    IdDictionary categories = new IdDictionary();
    IdDictionary behaviors = new IdDictionary();
    List<Movie> movies = new ArrayList<>();
    List<int[]> itemCategories = new ArrayList<>();

    try (CsvReader r = new CsvReader(dir.resolve(MOVIES), MOVIES, ',')) {
      RowLoop.run(r, RowLoop.expectHeader("movieId", "title", "genres"), bad, log, row -> {
        Fields.expectColumns(row, 3);
        String id = Fields.integerId(row.get(0), "movieId");
        String title = Fields.required(row.get(1), "title");
        String genreField = Fields.required(row.get(2), "genres");
        int prev = items.find(id);
        if (prev >= 0) throw new RowProblem("duplicate movieId " + id + " (first listed at line " + movies.get(prev).line + ")");
        List<String> genres = new ArrayList<>();
        for (String g : genreField.split("\\|")) {
          String t = g.trim();
          if (!t.isEmpty() && !genres.contains(t)) genres.add(t);
        }
        if (genres.isEmpty()) throw new RowProblem("missing field 'genres'");
        items.intern(id);
        movies.add(new Movie(row.line(), title));
        itemCategories.add(genres.stream().mapToInt(categories::intern).toArray());
      });
    }
    if (items.size() == 0) throw new IllegalArgumentException(MOVIES + " in " + dir + " lists no movies");

    EventBuffer events = new EventBuffer();
    try (CsvReader r = new CsvReader(dir.resolve(RATINGS), RATINGS, ',')) {
      RowLoop.run(r, RowLoop.expectHeader("userId", "movieId", "rating", "timestamp"), bad, log, row -> {
        Fields.expectColumns(row, 4);
        String user = Fields.integerId(row.get(0), "userId");
        int item = knownMovie(items, Fields.integerId(row.get(1), "movieId"));
        double rating = Fields.rating(row.get(2), "rating");
        long ts = Fields.timestamp(row.get(3), "timestamp");
        events.add(users.intern(user), item, -1, behaviors.intern(Fields.ratingBehavior(rating)), ts, rating, -1);
      });
    }

    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("source_items_listed", (long) items.size());
    List<Map<String, Tag>> tags = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) tags.add(null);
    if (files.contains(dir.resolve(TAGS))) {
      long[] applied = {0};
      try (CsvReader r = new CsvReader(dir.resolve(TAGS), TAGS, ',')) {
        RowLoop.run(r, RowLoop.expectHeader("userId", "movieId", "tag", "timestamp"), bad, log, row -> {
          Fields.expectColumns(row, 4);
          Fields.integerId(row.get(0), "userId");
          int item = knownMovie(items, Fields.integerId(row.get(1), "movieId"));
          String tag = Fields.required(row.get(2), "tag").replaceAll("\\s+", " ");
          Fields.timestamp(row.get(3), "timestamp");
          Map<String, Tag> m = tags.get(item);
          if (m == null) tags.set(item, m = new HashMap<>());
          Tag t = m.computeIfAbsent(tag.toLowerCase(java.util.Locale.ROOT), k -> new Tag(tag));
          t.count++;
          applied[0]++;
        });
      }
      counts.put("tag_applications", applied[0]);
    }

    List<String> texts = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      texts.add(text(movies.get(i).title, itemCategories.get(i), categories, tags.get(i), maxTags));
    }

    // Behavior codes in ascending rating order.
    int[] code = behaviors.denseIds(Comparator.comparingDouble(Fields::ratingOf), 1);
    List<String> vocab = behaviors.inDenseOrder(code, 1);

    Map<String, Object> notes = new LinkedHashMap<>();
    notes.put("item_text", "title + '. Genres: ' + genres (omitted for '" + NO_GENRES + "') + '. Tags: ' + up to "
        + maxTags + " distinct tags (case-insensitive, most applied first, ties alphabetical)");
    notes.put("items", "the item table lists every movie of movies.csv, also movies nobody rated (count items_with_events)");
    notes.put("behaviors", "behavior code = rating bucket r0.5..r5.0 (past ratings are history features)");
    return new SourceData("movielens", events, users, items, categories, vocab, code, itemCategories, texts,
        SourceData.Labels.RATING, counts, notes);
  }

  private static int knownMovie(IdDictionary items, String id) {
    int item = items.find(id);
    if (item < 0) throw new RowProblem("unknown movieId " + id + " (not in " + MOVIES + ")");
    return item;
  }

  static String text(String title, int[] cats, IdDictionary categories, Map<String, Tag> tags, int maxTags) {
    StringBuilder sb = new StringBuilder(title.trim());
    List<String> genres = new ArrayList<>();
    for (int c : cats) if (!categories.raw(c).equals(NO_GENRES)) genres.add(categories.raw(c));
    if (!genres.isEmpty()) sb.append(". Genres: ").append(String.join(", ", genres));
    if (tags != null && maxTags > 0) {
      Tag[] all = tags.values().toArray(new Tag[0]);
      Arrays.sort(all, Comparator.<Tag>comparingInt(t -> -t.count)
          .thenComparing(t -> t.spelling.toLowerCase(java.util.Locale.ROOT)));
      List<String> shown = new ArrayList<>();
      for (int i = 0; i < all.length && i < maxTags; i++) shown.add(all[i].spelling);
      sb.append(". Tags: ").append(String.join(", ", shown));
    }
    return sb.append('.').toString();
  }
}
