package org.r2led.data.source;

import java.io.Serializable;

/**
 * One valid row of a source's events file, with source ids: what a reader's row parser produces,
 * locally ({@link SourceReading#add}) or on a distributed executor.
 *
 * @param user user id
 * @param item item id
 * @param category the event's own category, or null when the row has none (the item's is used)
 * @param behavior behavior name (a rating bucket {@code r4.0} when the source has ratings only)
 * @param ts Unix seconds
 * @param rating rating, NaN when absent
 * @param label 0/1 label, -1 when absent
 */
public record ParsedEvent(String user, String item, String category, String behavior, long ts, double rating, int label)
    implements Serializable {}
