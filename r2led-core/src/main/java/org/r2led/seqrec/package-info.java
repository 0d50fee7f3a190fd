/**
 * Sequential recommendation on the next-item protocol of {@code org.r2led.nextitem} (docs/seqrec.md):
 * backbones SASRec, GRU4Rec and BERT4Rec ({@link org.r2led.seqrec.Backbone}) on the shared blocks of
 * {@code org.r2led.nn}, plain or enhanced by DMESR — pluggable coarse item views and the token-level fine view
 * ({@link org.r2led.seqrec.ItemViews}, {@link org.r2led.seqrec.ItemViewBuilder}), contrastive alignment and
 * two-way cross-attention fusion ({@link org.r2led.seqrec.DualViewFusion}); training
 * ({@link org.r2led.seqrec.SeqRecTrainer}), evaluation under the full-catalog and sampled-negatives protocols
 * ({@link org.r2led.seqrec.SeqRecEvaluator}) and the bench ({@code org.r2led.bench.seqrec.SeqRecBench} in r2led-bench).
 */
package org.r2led.seqrec;
