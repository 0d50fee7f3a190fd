package org.r2led.sid.embed;

import org.r2led.data.PreparedDataset;

/** A source of content vectors for every item of a prepared dataset. */
public interface ItemEmbedder {
  /** Name recorded in the SID table and report, e.g. {@code text:bge-small-en-v1.5-q}. */
  String name();

  /**
   * Content vectors aligned with the dataset's dense item ids (row 0 zero).
   *
   * @throws IllegalArgumentException on unusable input (naming the item / file line)
   */
  ItemEmbeddings embed(PreparedDataset data);
}
