/**
 * The next-item task shared by retrieval (issue 12) and sequential recommendation (issue 13): the
 * protocol that turns a prepared dataset into per-user positive sequences with a leave-last-out split
 * ({@link org.r2led.nextitem.NextItemProtocol}, {@link org.r2led.nextitem.NextItemData},
 * {@link org.r2led.nextitem.UserSequence}, {@link org.r2led.nextitem.NextItemExample}), and its metrics:
 * HR/Recall/NDCG@N over the full catalog or over sampled negatives
 * ({@link org.r2led.nextitem.RankingAccumulator}, {@link org.r2led.nextitem.SampledNegatives}) and
 * next-category accuracy@K ({@link org.r2led.nextitem.CategoryAccuracy}).
 */
package org.r2led.nextitem;
