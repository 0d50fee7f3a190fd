package org.r2led.data.export;

/**
 * Code tuples per item that {@link SampleExporter} writes beside the samples (the Semantic IDs of a SID
 * table): {@link #levels()} codes for each item {@code 1..numItems()}, built for the dataset whose
 * fingerprint is {@link #datasetFingerprint()}.
 */
public interface ItemCodes {
  /** Fingerprint of the prepared dataset the codes were built for. */
  String datasetFingerprint();

  /** Items covered: ids {@code 1..numItems()}. */
  int numItems();

  /** Codes per item. */
  int levels();

  /** Code {@code level} (0-based) of {@code item}. */
  int code(int item, int level);
}
