package org.r2led.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void validIdsPassExactly() {
    assertNull(Ids.problem("u1"));
    assertNull(Ids.problem("a b"));
    assertNull(Ids.problem("café 🎬"));                    // BMP and a surrogate pair
    assertNull(Ids.problem("x".repeat(Ids.MAX_BYTES)));
    assertEquals(" padded ", Ids.require(" padded ", "item id"));
  }

  @Test
  void loneSurrogatesAreRefusedNotReplaced() {
    assertTrue(Ids.problem("\ud800").contains("unpaired surrogate U+D800 at index 0"));
    assertTrue(Ids.problem("a\udfff").contains("unpaired surrogate U+DFFF at index 1"));
    assertTrue(Ids.problem("\ud83c").contains("unpaired"));                 // high half alone at the end
    assertTrue(Ids.problem("\udfff\ud800").contains("index 0"));            // reversed pair
  }

  @Test
  void controlCharactersAreRefused() {
    assertTrue(Ids.problem("a\nb").contains("control character U+000A at index 1"));
    assertTrue(Ids.problem("\t").contains("U+0009"));
    assertTrue(Ids.problem("x\u0000").contains("U+0000"));
    assertTrue(Ids.problem("x\u0085").contains("U+0085"));                  // C1 control
  }

  @Test
  void theByteLimitCountsUtf8Bytes() {
    assertNull(Ids.problem("é".repeat(512)));                               // 1,024 bytes
    assertEquals("is 1026 bytes long in UTF-8; ids are at most 1024 bytes", Ids.problem("é".repeat(513)));
    assertEquals("is 1028 bytes long in UTF-8; ids are at most 1024 bytes", Ids.problem("🎬".repeat(257)));
    assertEquals("is empty", Ids.problem(""));
  }

  @Test
  void requireNamesTheIdAndEscapesTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ids.require("a\nb", "item id"));
    assertEquals("item id \"a\\u000ab\" contains a control character U+000A at index 1; ids may not hold control characters",
        e.getMessage());
  }
}
