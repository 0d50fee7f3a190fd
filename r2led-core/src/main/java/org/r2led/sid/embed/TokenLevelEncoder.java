package org.r2led.sid.embed;

/**
 * A text encoder that also exposes its token-level outputs (the last hidden state of every word-piece),
 * e.g. the fine-grained view of an item's text in DMESR (org.r2led.seqrec).
 */
public interface TokenLevelEncoder extends TextEncoder {
  /**
   * The hidden states of the text's word-pieces, special tokens ([CLS], [SEP]) excluded, at most
   * {@code maxTokens} (the first ones); result {@code [tokens][dim()]}, empty for an empty text.
   * Depends on this text only.
   */
  float[][] tokens(String text, int maxTokens);
}
