package org.r2led.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20: a single output file at a path the user chose replaces only a file this tool wrote, told
 * by its content; anything else is refused, named, and left as it was.
 */
class ToolFileTest {
  @TempDir Path tmp;

  private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  private static ToolFile notes(Path p) {
    return ToolFile.markdown(p, "do things", h -> h.startsWith("| old table |\n"));
  }

  @Test
  void markdownIsReplacedOnlyWithTheToolsHeaderLineOrItsEarlierTable() throws IOException {
    Path md = Files.writeString(tmp.resolve("results.md"), "# my results\n\nkeep me\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> notes(md).write(utf8("table")));
    assertEquals("refusing to overwrite " + md.toRealPath() + ": r2led did not write it (r2led's begins with the line <!-- written"
        + " by r2led do things; rerunning it replaces this file -->); move it away (or choose another path) and run again",
        e.getMessage());
    assertEquals("# my results\n\nkeep me\n", Files.readString(md));

    String own = ToolFile.markdownHeader("do things") + "\n| table |\n";
    Files.writeString(md, own);
    notes(md).write(utf8(own + "| row |\n"));
    assertEquals(own + "| row |\n", Files.readString(md));
    Files.writeString(md, "| old table |\n| row |\n");
    notes(md).write(utf8(own));
    assertEquals(own, Files.readString(md), "a file of an earlier version is the tool's too");
    Path absent = tmp.resolve("new/dir/table.md");
    notes(absent).write(utf8(own));
    assertEquals(own, Files.readString(absent));
  }

  @Test
  void jsonIsReplacedOnlyWhenItHoldsTheCommandsKeys() throws IOException {
    Path f = Files.writeString(tmp.resolve("figures.json"), "{\"name\": \"my package\"}");
    ToolFile file = ToolFile.json(f, List.of("run", "model"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, file::checked);
    assertTrue(e.getMessage().contains("r2led's is a JSON object with the keys run, model"), e.getMessage());
    Files.writeString(f, "not json at all");
    assertThrows(IllegalArgumentException.class, () -> file.writeJson(Map.of("run", "r", "model", "m")));
    assertEquals("not json at all", Files.readString(f));
    Files.delete(f);
    file.writeJson(Map.of("run", "r", "model", "m", "extra", 1));
    file.writeJson(Map.of("run", "r2", "model", "m"));
    assertTrue(Files.readString(f).contains("\"r2\""));
  }

  @Test
  void csvIsReplacedOnlyWithItsColumnLine() throws IOException {
    Path f = Files.writeString(tmp.resolve("results.csv"), "a,b\n1,2\n");
    assertThrows(IllegalArgumentException.class, () -> ToolFile.csv(f, "x,y").write(utf8("x,y\n3,4\n")));
    assertEquals("a,b\n1,2\n", Files.readString(f));
    ToolFile.csv(f, "a,b").write(utf8("a,b\n3,4\n"));
    assertEquals("a,b\n3,4\n", Files.readString(f));
  }

  @Test
  void chartsAreTaggedAndOnlyTaggedPicturesAreReplaced() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "png", buf);
    byte[] plain = buf.toByteArray();
    byte[] signed = PngText.sign(plain);
    assertFalse(PngText.signed(plain));
    assertTrue(PngText.signed(signed));
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(signed));
    assertNotNull(back, "still a valid PNG");
    assertEquals(3, back.getWidth());

    Path png = Files.write(tmp.resolve("hr50_ds.png"), plain);
    assertThrows(IllegalArgumentException.class, () -> ToolFile.png(png).write(signed));
    assertTrue(java.util.Arrays.equals(plain, Files.readAllBytes(png)), "the user's picture is left as it was");
    Files.write(png, signed);
    ToolFile.png(png).write(signed);
  }

  @Test
  void everyRefusedFileIsListedBeforeAnyIsWrittenAndADirectoryIsNamed() throws IOException {
    Path a = Files.writeString(tmp.resolve("a.md"), "mine");
    Path b = Files.writeString(tmp.resolve("b.csv"), "mine");
    Path c = tmp.resolve("c.csv");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ToolFile.check(List.of(notes(a), ToolFile.csv(b, "x"), ToolFile.csv(c, "x"))));
    assertTrue(e.getMessage().startsWith("refusing to overwrite " + a.toRealPath() + ", " + b.toRealPath() + ": r2led did not"
        + " write them"), e.getMessage());
    Path dir = Files.createDirectories(tmp.resolve("out.json"));
    e = assertThrows(IllegalArgumentException.class, () -> ToolFile.json(dir, List.of("k")).checked());
    assertTrue(e.getMessage().contains("it is a directory"), e.getMessage());
  }

  @Test
  void aLinkedFileIsWrittenAtItsRealPathAndStaysLinked() throws IOException {
    Path real = Files.writeString(tmp.resolve("real.csv"), "x\n1\n");
    Path link = Files.createSymbolicLink(tmp.resolve("link.csv"), real);
    ToolFile.csv(link, "x").write(utf8("x\n2\n"));
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("x\n2\n", Files.readString(real));
  }
}
