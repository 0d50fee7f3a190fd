package org.r2led.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WordBankAndTopicTreeTest {
  @Test
  void builtInBankHasSixteenThemesOfDistinctWords() {
    WordBank b = WordBank.builtIn();
    assertEquals(16, b.themes().size());
    Set<String> all = new HashSet<>();
    int total = 0;
    for (WordBank.Theme t : b.themes()) {
      assertEquals(4, t.groups().size(), t.name());
      assertTrue(t.groupWords().size() >= 48, t.name());
      all.addAll(t.words());
      all.addAll(t.groupWords());
      total += t.words().size() + t.groupWords().size();
    }
    assertEquals(total, all.size(), "a word is shared by two places");
  }

  @Test
  void parseErrorsNameTheLine() {
    IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> WordBank.parse(List.of(
        "theme a: x y", "group g: p q", "", "theme b: z", "group h: q r", "adjectives: s", "nouns: t"), "t.txt"));
    assertTrue(dup.getMessage().startsWith("t.txt:5:") && dup.getMessage().contains("line 2"), dup.getMessage());
    IllegalArgumentException noColon = assertThrows(IllegalArgumentException.class,
        () -> WordBank.parse(List.of("# c", "theme a x y"), "t.txt"));
    assertTrue(noColon.getMessage().startsWith("t.txt:2:"), noColon.getMessage());
    IllegalArgumentException caps = assertThrows(IllegalArgumentException.class,
        () -> WordBank.parse(List.of("theme a: Xy"), "t.txt"));
    assertTrue(caps.getMessage().contains("'Xy'"), caps.getMessage());
  }

  @Test
  void treeSlicesWordsHierarchically() {
    SynthConfig c = SynthConfig.standard().with(Map.of("top_topics", "5", "sub_topics", "4", "leaf_topics", "3"));
    TopicTree t = TopicTree.build(c, WordBank.builtIn(), new SplittableRandom(9));
    assertEquals(5, t.numTop());
    assertEquals(20, t.numSub());
    assertEquals(60, t.numLeaves());
    assertEquals(2, t.subOfLeaf(4));
    assertEquals(1, t.topOfLeaf(12));
    assertEquals(2, t.topOfLeaf(13));
    assertEquals(7, t.idAtLevel(20, "sub"));
    for (int leaf = 1; leaf <= t.numLeaves(); leaf++) {
      assertTrue(t.leafWords(leaf).size() >= 5);
      assertTrue(t.subWords(t.subOfLeaf(leaf)).containsAll(t.leafWords(leaf)));
      assertTrue(t.leafName(leaf).startsWith(t.subName(t.subOfLeaf(leaf)) + "/"));
      assertTrue(t.subName(t.subOfLeaf(leaf)).startsWith(t.topName(t.topOfLeaf(leaf)) + "/"));
    }
    Set<String> leafWords = new HashSet<>();
    for (int leaf = 1; leaf <= t.numLeaves(); leaf++) leafWords.addAll(t.leafWords(leaf));
    int total = 0;
    for (int leaf = 1; leaf <= t.numLeaves(); leaf++) total += t.leafWords(leaf).size();
    assertEquals(total, leafWords.size(), "leaf word lists are disjoint");
    // sub-topic names use the word bank's group names when the counts agree
    WordBank.Theme theme = WordBank.builtIn().themes().stream().filter(x -> x.name().equals(t.topName(1))).findFirst().orElseThrow();
    assertEquals(theme.name() + "/" + theme.groups().get(0).name(), t.subName(1));
  }

  @Test
  void treeRejectsTooManyThemesOrTooFineLeaves() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopicTree.build(
        SynthConfig.standard().with("top_topics", 17), WordBank.builtIn(), new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("'top_topics' has invalid value '17'") && e.getMessage().contains("16 themes"), e.getMessage());
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> TopicTree.build(
        SynthConfig.standard().with(Map.of("sub_topics", "8", "leaf_topics", "5")), WordBank.builtIn(), new SplittableRandom(1)));
    assertTrue(f.getMessage().contains("sub_topics=8, leaf_topics=5"), f.getMessage());
  }
}
