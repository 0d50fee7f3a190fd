package org.r2led.data.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.Fixtures;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.data.protocol.DatasetPreparer;
import org.r2led.data.protocol.PrepareRequest;

class MovieLensReaderTest {
  @TempDir Path tmp;

  /** Ratings of user 7, by movie: movie k is rated at time 1000 + 10k, except movies 3 and 4 share time 1030. */
  static final double[] USER7_RATING = {0, 4.0, 3.5, 5.0, 0.5, 4.5, 3.0, 4.0, 2.0, 4.0, 3.5};

  static Path fixture(Path dir) {
    List<String> movies = new ArrayList<>(List.of("movieId,title,genres",
        "1,Toy Story (1995),Adventure|Animation|Children",
        "2,\"American President, The (1995)\",Comedy|Drama|Romance",
        "3,\"Film \"\"Quoted\"\" (2000)\",(no genres listed)"));
    for (int k = 4; k <= 12; k++) movies.add(k + ",Movie " + k + " (2001)," + (k % 2 == 0 ? "Drama|Thriller" : "Comedy"));
    Fixtures.write(dir, "movies.csv", movies);
    List<String> ratings = new ArrayList<>();
    ratings.add("userId,movieId,rating,timestamp");
    // deliberately not in time order: descending movie id
    for (int k = 10; k >= 1; k--) {
      long ts = k == 4 ? 1030 : 1000 + 10L * k;
      ratings.add("7," + k + "," + USER7_RATING[k] + "," + ts);
    }
    ratings.add("3,2,1.0,60");
    ratings.add("3,1,5.0,50");
    Fixtures.write(dir, "ratings.csv", ratings);
    Fixtures.write(dir, "tags.csv", "userId,movieId,tag,timestamp",
        "7,1,Pixar,1001", "3,1,pixar,51", "7,1,fun,1002", "7,2,politics,1011");
    return dir;
  }

  static PreparedDataset prepare(Path in, Path out, Map<String, String> overrides) {
    DatasetPreparer.prepare(new PrepareRequest(SourceFormat.MOVIELENS, in, null, out, false, overrides, false), null);
    return PreparedDataset.open(out);
  }

  @Test
  void readsItemsTextCategoriesAndBehaviors() {
    PreparedDataset ds = prepare(fixture(tmp.resolve("ml")), tmp.resolve("out"), Map.of());
    assertEquals(2, ds.numUsers());
    assertEquals(12, ds.numItems(), "unrated movies 11 and 12 are in the item table");
    assertEquals(10, ds.manifest().count("items_with_events"));
    assertEquals(12, ds.numEvents());
    assertEquals(List.of("<pad>", "(no genres listed)", "Adventure", "Animation", "Children", "Comedy", "Drama",
        "Romance", "Thriller"), ds.categoryRawIds());
    assertEquals("1", ds.itemRawIds().get(1));
    assertEquals("12", ds.itemRawIds().get(12));
    assertEquals("Toy Story (1995). Genres: Adventure, Animation, Children. Tags: Pixar, fun.", ds.itemTexts().get(1));
    assertEquals("American President, The (1995). Genres: Comedy, Drama, Romance. Tags: politics.", ds.itemTexts().get(2));
    assertEquals("Film \"Quoted\" (2000).", ds.itemTexts().get(3));
    assertArrayEquals(new int[] {5, 6, 7}, ds.itemCategories(2), "genres in listed order");
    assertEquals(5, ds.itemCategory(2), "primary category = first listed genre (Comedy)");
    assertEquals(1, ds.itemCategory(3), "(no genres listed) is a category");
    assertEquals(List.of("r0.5", "r1.0", "r2.0", "r3.0", "r3.5", "r4.0", "r4.5", "r5.0"), ds.manifest().behaviors());
  }

  @Test
  void ratingProtocolOrderLabelsAndPerUserSplit() {
    PreparedDataset ds = prepare(fixture(tmp.resolve("ml")), tmp.resolve("out"), Map.of());
    // dense user 1 = raw "7" (numeric order 3 < 7); sequence in (timestamp, item) order: items 1..10
    assertEquals(10, ds.seqLength(1));
    for (int k = 0; k < 10; k++) {
      assertEquals(k + 1, ds.eventItem(ds.seqStart(1) + k), "position " + k);
    }
    assertEquals(1030, ds.eventTs(ds.seqStart(1) + 2));
    assertEquals(1030, ds.eventTs(ds.seqStart(1) + 3), "tie at 1030 broken by item id: 3 before 4");
    // behavior code of movie 4's event (rating 0.5) is 1, of movie 3's (rating 5.0) is 8
    assertEquals(8, ds.eventBehavior(ds.seqStart(1) + 2));
    assertEquals(1, ds.eventBehavior(ds.seqStart(1) + 3));

    SampleSplit train = ds.split(Split.TRAIN);
    SampleSplit valid = ds.split(Split.VALID);
    SampleSplit test = ds.split(Split.TEST);
    assertEquals(10, train.size(), "user 3: 2 train; user 7: 8 train");
    assertEquals(1, valid.size());
    assertEquals(1, test.size());
    // user 3 (dense 0): n = 2 -> floor(0.2) = 0 valid/test
    assertEquals(0, train.user(0));
    assertEquals(0, train.pos(0));
    assertEquals(1, train.item(0));
    assertEquals(1, train.label(0), "5.0 >= 4");
    assertEquals(1, train.pos(1));
    assertEquals(0, train.label(1), "1.0 < 4");
    for (int i = 2; i < 10; i++) {
      int k = i - 1; // movie id = position + 1
      assertEquals(1, train.user(i));
      assertEquals(i - 2, train.pos(i));
      assertEquals(k, train.item(i));
      assertEquals(USER7_RATING[k] >= 4.0 ? 1 : 0, train.label(i), "movie " + k);
      assertEquals(ds.itemCategory(k), train.category(i));
    }
    assertEquals(9, valid.item(0));
    assertEquals(8, valid.pos(0));
    assertEquals(1, valid.label(0));
    assertEquals(10, test.item(0));
    assertEquals(9, test.pos(0));
    assertEquals(0, test.label(0), "3.5 < 4");
    assertEquals(1100, test.ts(0));
  }

  @Test
  void thresholdIsOverridable() {
    PreparedDataset ds = prepare(fixture(tmp.resolve("ml")), tmp.resolve("out"), Map.of("rating.threshold", "3.5"));
    assertEquals(3.5, ((Number) ds.manifest().protocol().get("rating.threshold")).doubleValue());
    assertEquals(1, ds.split(Split.TEST).label(0), "3.5 >= 3.5");
    // user 7 ratings >= 3.5: movies 1,2,3,5,7,9,10 -> 7; user 3: one -> 8 positives overall
    long pos = 0;
    for (Split s : Split.values()) pos += ds.manifest().count("positives_" + s.id());
    assertEquals(8, pos);
  }
}
