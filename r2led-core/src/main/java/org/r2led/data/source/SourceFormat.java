package org.r2led.data.source;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The source formats {@code data prepare} reads. */
public enum SourceFormat {
  /** MovieLens directory (100K, 1M, 10M, 20M/25M/latest layouts): rating protocol. */
  MOVIELENS("movielens"),
  /** Taobao UserBehavior CSV: click protocol. */
  TAOBAO("taobao"),
  /** Generic events CSV/TSV (+ optional items file): rating protocol with a rating/label column, else click. */
  CSV("csv"),
  /** Amazon reviews JSON lines (+ optional metadata): rating protocol. */
  AMAZON("amazon");

  private final String id;

  SourceFormat(String id) { this.id = id; }

  public String id() { return id; }

  public static SourceFormat parse(String s) {
    String k = s.trim().toLowerCase(Locale.ROOT);
    for (SourceFormat f : values()) if (f.id.equals(k)) return f;
    throw new IllegalArgumentException("unknown source '" + s + "'; expected one of "
        + Arrays.stream(values()).map(SourceFormat::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() { return id; }
}
