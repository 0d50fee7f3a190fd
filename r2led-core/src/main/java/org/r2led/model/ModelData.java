package org.r2led.model;

import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;

/**
 * What a model reads of its training data when it is built: the vocabulary sizes (dense item ids
 * {@code 1..numItems}, categories {@code 1..numCategories}, behavior codes {@code 1..numBehaviors}; 0
 * is padding everywhere) and per-item TRAIN-split target counts. Backed by a prepared dataset when
 * training and evaluating ({@link #of(PreparedDataset)}), by an exported model directory when serving
 * ({@link #of(int, int, int, int[])}), so a model is built the same way in both.
 */
public interface ModelData {
  int numItems();

  int numCategories();

  int numBehaviors();

  /** Per dense item id {@code 0..numItems}: the number of TRAIN-split samples whose target is that item (not to be modified). */
  int[] trainTargetCounts();

  /** The vocabulary of {@code ds}; target counts are computed on first use (one pass over the TRAIN split) and kept. */
  static ModelData of(PreparedDataset ds) {
    return new ModelData() {
      private int[] counts;

      @Override
      public int numItems() { return ds.numItems(); }

      @Override
      public int numCategories() { return ds.numCategories(); }

      @Override
      public int numBehaviors() { return ds.numBehaviors(); }

      @Override
      public synchronized int[] trainTargetCounts() {
        if (counts == null) {
          int[] c = new int[ds.numItems() + 1];
          SampleSplit train = ds.split(Split.TRAIN);
          for (int i = 0, n = train.size(); i < n; i++) c[train.item(i)]++;
          counts = c;
        }
        return counts;
      }
    };
  }

  /** Fixed values (e.g. read from an exported model directory); {@code trainTargetCounts} has numItems+1 entries. */
  static ModelData of(int numItems, int numCategories, int numBehaviors, int[] trainTargetCounts) {
    if (trainTargetCounts.length != numItems + 1) {
      throw new IllegalArgumentException("train target counts have " + trainTargetCounts.length + " entries; expected numItems+1 = "
          + (numItems + 1));
    }
    return new ModelData() {
      @Override
      public int numItems() { return numItems; }

      @Override
      public int numCategories() { return numCategories; }

      @Override
      public int numBehaviors() { return numBehaviors; }

      @Override
      public int[] trainTargetCounts() { return trainTargetCounts; }
    };
  }
}
