package org.r2led.data.synth;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes item titles from topic words, e.g. "Classic sourdough crust guide": one or two words of the
 * item's leaf topic, a word of its sub-topic, often a word of its theme, and generic filler words,
 * arranged by one of a few title templates, with no word twice. Deterministic for a seeded random source.
 */
final class TitleWriter {
  /** Template slots: {L} leaf word (distinct within a title), {S} sub-topic word, {T} theme word,
   *  {A} generic adjective, {N} generic noun. */
  private static final List<String> TEMPLATES = List.of(
      "{A} {L} {S} {N}",
      "{L} and {L}: {A} {T} {N}",
      "the {T} {N} of {L} {S}",
      "{L} {L} {N}",
      "{A} {L} with {S}",
      "{N} to {L}, {S} and {T}",
      "{L} {S} {T} {N}",
      "{A} {T} {L} {N}");

  /** Words a template adds by itself (not topic or filler words). */
  static final List<String> CONNECTORS = List.of("and", "the", "of", "with", "to");

  private final TopicTree tree;
  private final WordBank bank;

  TitleWriter(TopicTree tree, WordBank bank) {
    this.tree = tree;
    this.bank = bank;
  }

  /** A title for an item of leaf topic {@code leaf}. */
  String title(int leaf, SplittableRandom rng) {
    List<String> leafWords = tree.leafWords(leaf);
    List<String> subWords = tree.subWords(tree.subOfLeaf(leaf));
    List<String> themeWords = tree.topWords(tree.topOfLeaf(leaf));
    String template = TEMPLATES.get(rng.nextInt(TEMPLATES.size()));
    StringBuilder sb = new StringBuilder(48);
    List<String> used = new java.util.ArrayList<>(6);
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '{') {
        char slot = template.charAt(i + 1);
        String w;
        switch (slot) {
          case 'L' -> w = pick(leafWords, used, rng);
          case 'S' -> w = pick(subWords, used, rng);
          case 'T' -> w = pick(themeWords, used, rng);
          case 'A' -> w = pick(bank.adjectives(), used, rng);
          case 'N' -> w = pick(bank.nouns(), used, rng);
          default -> throw new IllegalStateException("unknown title slot {" + slot + "}");
        }
        used.add(w);
        sb.append(w);
        i += 3;
      } else {
        sb.append(c);
        i++;
      }
    }
    sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
    return sb.toString();
  }

  /** A word of {@code words} not yet used in the title, uniform among the unused ones (any word if all are used). */
  private static String pick(List<String> words, List<String> used, SplittableRandom rng) {
    int free = 0;
    for (String w : words) if (!used.contains(w)) free++;
    if (free == 0) return words.get(rng.nextInt(words.size()));
    int k = rng.nextInt(free);
    for (String w : words) if (!used.contains(w) && k-- == 0) return w;
    throw new IllegalStateException("unreachable");
  }
}
