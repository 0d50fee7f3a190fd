package org.r2led.serving.store;

import java.util.List;

/** One page of a user's history, oldest first; {@code nextCursor} is null on the last page. */
public record HistoryPage(List<Event> events, String nextCursor) {}
