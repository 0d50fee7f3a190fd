package org.r2led.cli.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemCatalogTest {
  @TempDir Path tmp;

  @Test
  void textsByItemFromTheHeaderColumnsBlankOnesLeftOut() throws Exception {
    Path f = Files.writeString(tmp.resolve("items.csv"), "text,category,item\n\"A film, with a comma\",drama,a\n,drama,b\n\"Two\nlines\",,c\n");
    assertEquals(Map.of("a", "A film, with a comma", "c", "Two\nlines"), ItemCatalog.texts(f));
  }

  @Test
  void errorsNameTheFileTheLineAndWhatWasExpected() throws Exception {
    Path noText = Files.writeString(tmp.resolve("no-text.csv"), "item,title\na,x\n");
    String e = assertThrows(IllegalArgumentException.class, () -> ItemCatalog.texts(noText)).getMessage();
    assertTrue(e.contains("no-text.csv") && e.contains("must name the columns item and text"), e);
    Path twice = Files.writeString(tmp.resolve("twice.csv"), "item,text\na,\na,x\n");
    e = assertThrows(IllegalArgumentException.class, () -> ItemCatalog.texts(twice)).getMessage();
    assertTrue(e.contains("twice.csv line 3: item 'a' is listed twice"), e);
    Path shortRow = Files.writeString(tmp.resolve("short.csv"), "item,text\na\n");
    e = assertThrows(IllegalArgumentException.class, () -> ItemCatalog.texts(shortRow)).getMessage();
    assertTrue(e.contains("short.csv line 2 has 1 fields; expected 2"), e);
    e = assertThrows(IllegalArgumentException.class, () -> ItemCatalog.texts(tmp.resolve("none.csv"))).getMessage();
    assertTrue(e.contains("none.csv is not a file"), e);
  }
}
