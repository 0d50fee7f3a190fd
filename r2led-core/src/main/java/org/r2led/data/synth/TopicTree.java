package org.r2led.data.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The three-level topic tree of a synthetic catalog: themes (top) → sub-topics → leaf topics.
 * Ids are dense and 1-based per level (0 = padding): theme {@code t} owns sub-topics
 * {@code (t-1)·S+1 .. t·S}, sub-topic {@code s} owns leaves {@code (s-1)·L+1 .. s·L}. Every node has
 * a name and a word list: a theme's general words, a sub-topic's slice of the theme's group words,
 * a leaf's slice of its sub-topic's words. Immutable.
 */
public final class TopicTree {
  private final int subPerTop;
  private final int leafPerSub;
  private final List<String> topNames;
  private final List<List<String>> topWords;
  private final List<String> subNames;
  private final List<List<String>> subWords;
  private final List<String> leafNames;
  private final List<List<String>> leafWords;

  private TopicTree(int subPerTop, int leafPerSub, List<String> topNames, List<List<String>> topWords,
      List<String> subNames, List<List<String>> subWords, List<String> leafNames, List<List<String>> leafWords) {
    this.subPerTop = subPerTop;
    this.leafPerSub = leafPerSub;
    this.topNames = List.copyOf(topNames);
    this.topWords = List.copyOf(topWords);
    this.subNames = List.copyOf(subNames);
    this.subWords = List.copyOf(subWords);
    this.leafNames = List.copyOf(leafNames);
    this.leafWords = List.copyOf(leafWords);
  }

  /**
   * Builds the tree: {@code topTopics} themes chosen from the bank in a seeded order, each split into
   * {@code subTopics} × {@code leafTopics} word slices. Fails naming the setting when the bank has too
   * few themes, or a leaf would get fewer than 2 words.
   */
  public static TopicTree build(SynthConfig cfg, WordBank bank, SplittableRandom rng) {
    int nThemes = bank.themes().size();
    if (cfg.topTopics() > nThemes) {
      throw cfg.config().invalid(SynthKeys.TOP_TOPICS, "at most the " + nThemes + " themes of the word bank");
    }
    int[] order = new int[nThemes];
    for (int i = 0; i < nThemes; i++) order[i] = i;
    for (int i = nThemes - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i]; order[i] = order[j]; order[j] = t;
    }
    int nS = cfg.subTopics();
    int nL = cfg.leafTopics();
    List<String> topNames = new ArrayList<>();
    List<List<String>> topWords = new ArrayList<>();
    List<String> subNames = new ArrayList<>();
    List<List<String>> subWords = new ArrayList<>();
    List<String> leafNames = new ArrayList<>();
    List<List<String>> leafWords = new ArrayList<>();
    for (int t = 0; t < cfg.topTopics(); t++) {
      WordBank.Theme theme = bank.themes().get(order[t]);
      List<String> pool = theme.groupWords();
      if (pool.size() < 2L * nS * nL) {
        throw new IllegalArgumentException("synth settings sub_topics=" + nS + ", leaf_topics=" + nL
            + ": expected sub_topics*leaf_topics <= " + pool.size() / 2 + " (theme '" + theme.name() + "' has "
            + pool.size() + " words and every leaf topic needs 2)");
      }
      topNames.add(theme.name());
      topWords.add(theme.words());
      for (int s = 0; s < nS; s++) {
        List<String> sw = slice(pool, s, nS);
        String subName = theme.name() + "/"
            + (nS == theme.groups().size() ? theme.groups().get(s).name() : sw.get(0));
        subNames.add(subName);
        subWords.add(sw);
        for (int l = 0; l < nL; l++) {
          List<String> lw = slice(sw, l, nL);
          boolean echo = subName.endsWith("/" + lw.get(0)); // e.g. darkroom/darkroom: use the next word
          leafNames.add(subName + "/" + lw.get(echo ? 1 : 0));
          leafWords.add(lw);
        }
      }
    }
    return new TopicTree(nS, nL, topNames, topWords, subNames, subWords, leafNames, leafWords);
  }

  private static List<String> slice(List<String> words, int part, int parts) {
    int n = words.size();
    return List.copyOf(words.subList((int) ((long) part * n / parts), (int) ((long) (part + 1) * n / parts)));
  }

  public int numTop() { return topNames.size(); }

  public int numSub() { return subNames.size(); }

  public int numLeaves() { return leafNames.size(); }

  /** Sub-topic (1-based) of a leaf (1-based). */
  public int subOfLeaf(int leaf) { return (leaf - 1) / leafPerSub + 1; }

  /** Theme (1-based) of a sub-topic (1-based). */
  public int topOfSub(int sub) { return (sub - 1) / subPerTop + 1; }

  /** Theme (1-based) of a leaf (1-based). */
  public int topOfLeaf(int leaf) { return topOfSub(subOfLeaf(leaf)); }

  public String topName(int top) { return topNames.get(top - 1); }

  public String subName(int sub) { return subNames.get(sub - 1); }

  public String leafName(int leaf) { return leafNames.get(leaf - 1); }

  public List<String> topWords(int top) { return topWords.get(top - 1); }

  public List<String> subWords(int sub) { return subWords.get(sub - 1); }

  public List<String> leafWords(int leaf) { return leafWords.get(leaf - 1); }

  /** The id of {@code leaf}'s ancestor at {@code level} ({@code top}, {@code sub} or {@code leaf}). */
  public int idAtLevel(int leaf, String level) {
    return switch (level) {
      case "leaf" -> leaf;
      case "sub" -> subOfLeaf(leaf);
      case "top" -> topOfLeaf(leaf);
      default -> throw new IllegalArgumentException("unknown topic level '" + level + "'; expected top, sub or leaf");
    };
  }

  /** Number of topics at {@code level}. */
  public int sizeOfLevel(String level) {
    return switch (level) {
      case "leaf" -> numLeaves();
      case "sub" -> numSub();
      case "top" -> numTop();
      default -> throw new IllegalArgumentException("unknown topic level '" + level + "'; expected top, sub or leaf");
    };
  }

  /** Name of topic {@code id} at {@code level}. */
  public String nameAtLevel(int id, String level) {
    return switch (level) {
      case "leaf" -> leafName(id);
      case "sub" -> subName(id);
      case "top" -> topName(id);
      default -> throw new IllegalArgumentException("unknown topic level '" + level + "'; expected top, sub or leaf");
    };
  }
}
