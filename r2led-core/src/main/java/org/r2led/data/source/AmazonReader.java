package org.r2led.data.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader of Amazon product reviews (the 5-core JSON-lines files of the 2014, 2018 and 2023 releases,
 * plain or {@code .gz}) with optional item metadata ({@link AmazonMetadata}).
 *
 * <ul>
 *   <li>Fields, per line: user {@code reviewerID} (2014/2018) or {@code user_id} (2023); item
 *       {@code asin}, or {@code parent_asin} when present (2023, which keys its metadata by it);
 *       rating {@code overall} or {@code rating} (1–5 stars); time {@code unixReviewTime} (seconds)
 *       or {@code timestamp} (2023: milliseconds, detected and converted, {@link TimestampColumn}).
 *   <li>Events: one per review; behavior = the rating bucket ({@code r1.0} … {@code r5.0}); labels
 *       come from the rating (rating protocol, threshold 4 as for MovieLens).
 *   <li>Items: the reviewed items; their categories and text come from the metadata (an item
 *       without metadata has no text and the category {@code (none)}).
 * </ul>
 */
public final class AmazonReader {
  private AmazonReader() {}

  static final String[] USER = {"reviewerID", "user_id"};
  static final String[] ITEM = {"parent_asin", "asin"};
  static final String[] RATING = {"overall", "rating"};
  static final String[] TIME = {"unixReviewTime", "timestamp"};

  /** Reads the reviews and (when present) the metadata. */
  public static SourceData read(AmazonInputs in, ReadOptions ro, BadRows bad, PrintStream log) {
    IdDictionary users = new IdDictionary();
    IdDictionary items = new IdDictionary();
    IdDictionary categories = new IdDictionary();
    IdDictionary behaviors = new IdDictionary();
    EventBuffer events = new EventBuffer();
    Map<String, Object> notes = new LinkedHashMap<>();
    String name = in.reviews().getFileName().toString();
    TimestampColumn tsRule = TimestampColumn.of(ro.timestampUnit(), name,
        () -> new JsonLinesReader(in.reviews(), name, ro), false, l -> JsonFields.raw(l.json(), TIME), log);
    try (JsonLinesReader r = new JsonLinesReader(in.reviews(), name, ro)) {
      RowLoop.run(r, null, bad, log, line -> {
        JsonNode j = line.json();
        String user = JsonFields.id(j, USER);
        String item = JsonFields.id(j, ITEM);
        double rating = Fields.rating(JsonFields.required(j, RATING), RATING[0]);
        long ts = tsRule.seconds(JsonFields.required(j, TIME), TIME[0]);
        events.add(users.intern(user), items.intern(item), -1, behaviors.intern(Fields.ratingBehavior(rating)), ts, rating, -1);
      });
    }
    tsRule.note(notes);
    Map<String, Long> counts = new LinkedHashMap<>();
    List<int[]> itemCategories = null;
    List<String> texts = null;
    if (in.metadata() != null && items.size() > 0) {
      AmazonMetadata.Result m = AmazonMetadata.read(in.metadata(), ro, items, categories, bad, log);
      itemCategories = m.categories();
      texts = m.texts();
      counts.put("metadata_items_without_reviews", m.withoutReviews());
      counts.put("metadata_items_repeated", m.repeated());
      counts.put("items_without_metadata", m.itemsWithout());
      notes.put("item_text", "title + '. Categories: ' + the first category path + '. ' + the first description (at most "
          + AmazonMetadata.MAX_DESCRIPTION + " characters)");
      notes.put("item_categories", "the first category path, most specific first (primary = most specific);"
          + " else main_category/main_cat");
    } else {
      notes.put("item_text", "none (no metadata file)");
    }
    int[] code = behaviors.denseIds(Comparator.comparingDouble(Fields::ratingOf), 1);
    notes.put("items", "the reviewed items (metadata of items without reviews is not read)");
    notes.put("behaviors", "behavior code = star rating bucket r1.0..r5.0 (past ratings are history features)");
    return new SourceData("amazon", events, users, items, categories, behaviors.inDenseOrder(code, 1), code,
        itemCategories, texts, SourceData.Labels.RATING, counts, notes);
  }
}
