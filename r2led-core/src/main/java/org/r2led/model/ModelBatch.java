package org.r2led.model;

/**
 * The Java-side inputs of one batch (built off the training thread). Every model's batch carries
 * the sample indices, users and labels; subclasses add their own index arrays.
 */
public class ModelBatch {
  /** Sample indices into the split. */
  public final int[] samples;
  /** Dense user per sample. */
  public final int[] users;
  /** 0/1 label per sample as floats. */
  public final float[] labels;

  public ModelBatch(int[] samples, int[] users, float[] labels) {
    this.samples = samples;
    this.users = users;
    this.labels = labels;
  }

  /** Batch size B. */
  public int size() { return samples.length; }
}
