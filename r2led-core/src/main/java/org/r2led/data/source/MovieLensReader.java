package org.r2led.data.source;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader of a MovieLens directory in any of its release layouts ({@link MovieLensLayout}: the CSV
 * files of 20M/25M/latest, the {@code ::} files of 1M/10M, the {@code u.*} files of 100K), with the
 * same rating protocol and item text for every layout.
 *
 * <ul>
 *   <li>Items: every movie of the movies file (rated or not), so the item table holds the whole
 *       catalog with text. Categories = genres in listed order (the first is the primary category;
 *       {@code (no genres listed)} is a category too; 100K's {@code unknown} genre, or no genre flag
 *       at all, is {@code (no genres listed)}).
 *   <li>Item text = {@code "<title>. Genres: g1, g2. Tags: t1, t2."} with up to {@code maxTags}
 *       distinct tags (case-insensitive; most applied first, ties alphabetical; the first-seen
 *       spelling is kept). The genres part is left out for {@code (no genres listed)}.
 *   <li>Events: one per rating; behavior = rating bucket ({@code r0.5} … {@code r5.0}, codes in
 *       ascending rating order); labels come from the rating.
 *   <li>Bad rows: wrong column count, non-integer ids, timestamps outside the accepted range,
 *       non-numeric ratings, missing fields, undecodable bytes, duplicate movie ids, and ratings or
 *       tags of a movie missing from the movies file.
 * </ul>
 */
public final class MovieLensReader {
  private MovieLensReader() {}

  public static final String NO_GENRES = "(no genres listed)";
  /** The 100K genre that means "no genre known". */
  static final String UNKNOWN_GENRE = "unknown";

  /** The input files of a MovieLens directory; fails listing the layouts when none matches. */
  public static List<Path> inputFiles(Path dir, ReadOptions ro) {
    return MovieLensLayout.detect(dir, ro).files(dir);
  }

  private record Movie(long line, String title) {}

  private static final class Tag {
    final String spelling;
    int count;
    Tag(String spelling) { this.spelling = spelling; }
  }

  /** Reads the directory; {@code maxTags} caps the tags in each item's text. */
  public static SourceData read(Path dir, int maxTags, ReadOptions ro, BadRows bad, PrintStream log) {
    return open(dir, maxTags, ro, bad, log).readLocally(bad, log);
  }

  /**
   * Reads the movies file and splits the rest into the ratings file ({@link SourceReading#eventsFile})
   * and what follows it (tags, item text, notes: {@link SourceReading#finish}).
   */
  public static SourceReading open(Path dir, int maxTags, ReadOptions ro, BadRows bad, PrintStream log) {
    MovieLensLayout layout = MovieLensLayout.detect(dir, ro);
    return new Reading(dir, layout, maxTags, ro, bad, log);
  }

  private static final class Reading extends SourceReading {
    private final Path dir;
    private final MovieLensLayout layout;
    private final int maxTags;
    private final ReadOptions ro;
    private final List<Movie> movies = new ArrayList<>();
    private final List<int[]> itemCategories = new ArrayList<>();
    private final Map<String, Object> notes = new LinkedHashMap<>();
    private final EventsFile ratings;

    Reading(Path dir, MovieLensLayout layout, int maxTags, ReadOptions ro, BadRows bad, PrintStream log) {
      this.dir = dir;
      this.layout = layout;
      this.maxTags = maxTags;
      this.ro = ro;
      List<String> genreNames = layout.genres() == null ? null : MovieLensGenres.read(dir.resolve(layout.genres()),
          layout.moviesDialect(), log);
      String moviesFile = layout.movies();
      try (CsvReader r = new CsvReader(dir.resolve(moviesFile), moviesFile, layout.moviesDialect())) {
        RowLoop.run(r, layout.header() ? RowLoop.expectHeader("movieId", "title", "genres") : null, bad, log, row -> {
          Fields.expectColumns(row, genreNames == null ? 3 : 5 + genreNames.size());
          String id = Fields.integerId(row.get(0), "movieId");
          String title = Fields.text(Fields.required(row.get(1), "title"), "title");
          List<String> genres = genreNames == null ? MovieLensGenres.listed(row.get(2)) : MovieLensGenres.flagged(row, 5, genreNames);
          int prev = items.find(id);
          if (prev >= 0) throw new RowProblem("duplicate movieId " + id + " (first listed at line " + movies.get(prev).line + ")");
          items.intern(id);
          movies.add(new Movie(row.line(), title));
          itemCategories.add(genres.stream().mapToInt(categories::intern).toArray());
        });
      }
      if (items.size() == 0) throw new IllegalArgumentException(moviesFile + " in " + dir + " lists no movies");

      Path ratingsPath = dir.resolve(layout.ratings());
      String ratingsFile = layout.ratings();
      TimestampColumn tsRule = TimestampColumn.of(ro.timestampUnit(), ratingsFile,
          () -> new CsvReader(ratingsPath, ratingsFile, layout.ratingsDialect()), layout.header(),
          row -> row.size() == 4 ? row.get(3) : null, log);
      tsRule.note(notes);
      IdDictionary known = items;
      ratings = new EventsFile(ratingsPath, ratingsFile, layout.ratingsDialect(),
          layout.header() ? RowLoop.expectHeader("userId", "movieId", "rating", "timestamp") : null, row -> {
            Fields.expectColumns(row, 4);
            String user = Fields.integerId(row.get(0), "userId");
            String item = known.raw(knownMovie(known, Fields.integerId(row.get(1), "movieId"), moviesFile));
            double rating = Fields.rating(row.get(2), "rating");
            long ts = tsRule.seconds(row.get(3), "timestamp");
            return new ParsedEvent(user, item, null, Fields.ratingBehavior(rating), ts, rating, -1);
          });
    }

    @Override
    public EventsFile eventsFile() { return ratings; }

    @Override
    public SourceData finish(BadRows bad, PrintStream log) {
      String moviesFile = layout.movies();
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("source_items_listed", (long) items.size());
      List<Map<String, Tag>> tags = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) tags.add(null);
      if (layout.tags() != null) {
        long[] applied = {0};
        Path tagsPath = dir.resolve(layout.tags());
        String tagsFile = layout.tags();
        TimestampColumn tagTs = TimestampColumn.of(ro.timestampUnit(), tagsFile,
            () -> new CsvReader(tagsPath, tagsFile, layout.ratingsDialect()), layout.header(),
            row -> row.size() == 4 ? row.get(3) : null, log);
        try (CsvReader r = new CsvReader(tagsPath, tagsFile, layout.ratingsDialect())) {
          RowLoop.run(r, layout.header() ? RowLoop.expectHeader("userId", "movieId", "tag", "timestamp") : null, bad, log, row -> {
            Fields.expectColumns(row, 4);
            Fields.integerId(row.get(0), "userId");
            int item = knownMovie(items, Fields.integerId(row.get(1), "movieId"), moviesFile);
            String tag = Fields.text(Fields.required(row.get(2), "tag").replaceAll("\\s+", " "), "tag");
            tagTs.seconds(row.get(3), "timestamp");
            Map<String, Tag> m = tags.get(item);
            if (m == null) tags.set(item, m = new HashMap<>());
            Tag t = m.computeIfAbsent(tag.toLowerCase(java.util.Locale.ROOT), k -> new Tag(tag));
            t.count++;
            applied[0]++;
          });
        }
        tagTs.note(notes);
        counts.put("tag_applications", applied[0]);
      }

      List<String> texts = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        texts.add(text(movies.get(i).title, itemCategories.get(i), categories, tags.get(i), maxTags));
      }

      // Behavior codes in ascending rating order.
      int[] code = behaviors.denseIds(Comparator.comparingDouble(Fields::ratingOf), 1);
      List<String> vocab = behaviors.inDenseOrder(code, 1);

      notes.put("layout", layout.name() + " (" + String.join(", ", layout.files(dir).stream()
          .map(p -> p.getFileName().toString()).toList()) + "; " + moviesFile + " read as " + layout.moviesDialect().charset().name() + ")");
      notes.put("item_text", "title + '. Genres: ' + genres (omitted for '" + NO_GENRES + "') + '. Tags: ' + up to "
          + maxTags + " distinct tags (case-insensitive, most applied first, ties alphabetical)");
      notes.put("items", "the item table lists every movie of " + moviesFile + ", also movies nobody rated (count items_with_events)");
      notes.put("behaviors", "behavior code = rating bucket r0.5..r5.0 (past ratings are history features)");
      return new SourceData("movielens", events, users, items, categories, vocab, code, itemCategories, texts,
          SourceData.Labels.RATING, counts, notes);
    }
  }

  private static int knownMovie(IdDictionary items, String id, String moviesFile) {
    int item = items.find(id);
    if (item < 0) throw new RowProblem("unknown movieId " + id + " (not in " + moviesFile + ")");
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
