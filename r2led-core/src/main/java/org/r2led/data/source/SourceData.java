package org.r2led.data.source;

import java.util.List;
import java.util.Map;

/**
 * Everything a reader parsed from its source files, with provisional ids (first-seen order), handed
 * to {@link org.r2led.data.protocol.DatasetPreparer}, which remaps ids densely, orders the events and
 * applies the protocol. Not shared beyond that hand-over.
 *
 * @param source reader name ({@code movielens}, {@code taobao}, {@code csv}, {@code amazon})
 * @param events parsed events (valid rows only)
 * @param users user ids
 * @param items item ids (for MovieLens every movie of the movies file, rated or not)
 * @param categories category names
 * @param behaviors behavior vocabulary in code order: entry k-1 is the name of code k
 * @param behaviorCode provisional behavior id (as stored in {@code events}) → code 1..behaviors.size()
 * @param itemCategories per provisional item, the categories the source declares (primary first),
 *     or a null entry when it declares none for that item; the whole list is null when the source
 *     declares no item categories (then they are derived from the events)
 * @param itemTexts per provisional item, its text (null or empty when none); null when the source has no text
 * @param labels where sample labels come from
 * @param counts reader-level counts for the manifest (rows read, bad rows skipped, ...)
 * @param notes reader-level facts for the manifest notes
 */
public record SourceData(
    String source,
    EventBuffer events,
    IdDictionary users,
    IdDictionary items,
    IdDictionary categories,
    List<String> behaviors,
    int[] behaviorCode,
    List<int[]> itemCategories,
    List<String> itemTexts,
    Labels labels,
    Map<String, Long> counts,
    Map<String, Object> notes) {

  /** Where labels come from: a rating column (threshold rule), a 0/1 label column, or none (click protocol). */
  public enum Labels { RATING, LABEL, NONE }
}
