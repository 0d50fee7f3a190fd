package org.r2led.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.sid.SidTable;
import picocli.CommandLine;

class SidCommandsTest {
  @TempDir Path tmp;


  /** 12 items with text in 3 categories, 3 users. */
  private Path dataset() throws Exception { return dataset("ds", 12); }

  /** The first {@code n} (12..15) items with text in 3 categories (item 14 has none), 3 users. */
  private Path dataset(String name, int n) throws Exception {
    StringBuilder items = new StringBuilder("item,category,text\n");
    String[][] texts = {
        {"animation", "Toy Story. Animated film: toys come alive, cartoon for children"},
        {"crime", "Heat. Crime thriller: bank robbers and detectives, gunfight"},
        {"space", "Star Wars. Science fiction: starships, space battles, galaxy"},
        {"animation", "Finding Nemo. Animated film: a cartoon fish for children"},
        {"crime", "The Godfather. Crime drama: mafia family, murder and detectives"},
        {"space", "Alien. Science fiction: a starship crew and an alien in space"},
        {"animation", "The Lion King. Animated film: cartoon lions for children"},
        {"crime", "Reservoir Dogs. Crime thriller: robbers after a heist, gunfight"},
        {"space", "Interstellar. Science fiction: astronauts travel through space to a galaxy"},
        {"animation", "Shrek. Animated film: a cartoon ogre, comedy for children"},
        {"crime", "Goodfellas. Crime drama: mafia gangsters, murder"},
        {"space", "Gravity. Science fiction: astronauts stranded in space"},
        {"animation", "Up. Animated film: a cartoon house lifted by balloons, for children"},
        {"crime", "Scarface. Crime drama: a gangster, cocaine and murder"},
        {"space", ""}};
    for (int i = 0; i < n; i++) {
      items.append("it").append(i).append(',').append(texts[i][0]).append(",\"").append(texts[i][1]).append("\"\n");
    }
    StringBuilder ev = new StringBuilder("user,item,timestamp,rating\n");
    for (int u = 0; u < 3; u++) for (int i = 0; i < n; i++) ev.append("u").append(u).append(",it").append(i)
        .append(',').append(100 + i).append(',').append(i % 5 + 1).append('\n');
    Path itemsFile = Files.writeString(tmp.resolve(name + "-items.csv"), items);
    Path events = Files.writeString(tmp.resolve(name + "-events.csv"), ev);
    Path ds = tmp.resolve(name);
    CliRun r = CliRun.of("data", "prepare", "--source", "csv", "--input", events.toString(), "--items", itemsFile.toString(),
        "--out", ds.toString());
    assertEquals(0, r.code(), r.err());
    return ds;
  }

  @Test
  void buildReportEmbedAndRebuildFromTheVectorFile() throws Exception {
    Path ds = dataset();
    Path sid = tmp.resolve("sid");
    CliRun b = CliRun.of("sid", "build", "--data", ds.toString(), "--out", sid.toString(), "--levels", "2",
        "--codebook-size", "3", "--seed", "1");
    assertEquals(0, b.code(), b.err());
    assertTrue(b.out().contains("# Semantic ID report"), b.out());
    assertTrue(b.out().contains("Encoder: `text:bge-small-en-v1.5-q`"), b.out());
    // three kinds of text, three level-1 codes: purity well above a random assignment
    String row = b.out().lines().filter(l -> l.startsWith("| categories | 1 |")).findFirst().orElseThrow();
    String[] cells = row.split("\\|");
    double purity = Double.parseDouble(cells[4].trim()), random = Double.parseDouble(cells[5].trim());
    assertTrue(purity >= 0.75 && purity > random + 0.2, row);
    assertTrue(b.err().contains("encoding item texts"), b.err());
    SidTable t = SidTable.load(sid);
    assertEquals(12, t.numItems());
    assertEquals(3, t.levels());

    CliRun again = CliRun.of("sid", "build", "--data", ds.toString(), "--out", sid.toString(), "--levels", "2",
        "--codebook-size", "3", "--seed", "1");
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("encoded=0, fromCache=12"), again.out());

    CliRun rep = CliRun.of("sid", "report", sid.toString());
    assertEquals(0, rep.code(), rep.err());
    assertEquals(Files.readString(sid.resolve("report.md")), rep.out());

    Path vec = tmp.resolve("vectors.txt");
    CliRun e = CliRun.of("sid", "embed", "--data", ds.toString(), "--out", vec.toString(), "--cache",
        sid.resolve("embedding-cache").toString());
    assertEquals(0, e.code(), e.err());
    assertEquals(13, Files.readAllLines(vec).size()); // header comment + 12 items
    Path sid2 = tmp.resolve("sid2");
    CliRun f = CliRun.of("sid", "build", "--data", ds.toString(), "--out", sid2.toString(), "--encoder", "file:" + vec,
        "--levels", "2", "--codebook-size", "3", "--seed", "1");
    assertEquals(0, f.code(), f.err());
    assertEquals(java.util.Arrays.toString(t.codeMatrix()), java.util.Arrays.toString(SidTable.load(sid2).codeMatrix()));
  }

  @Test
  void clearErrors() throws Exception {
    Path ds = dataset();
    CliRun big = CliRun.of("sid", "build", "--data", ds.toString(), "--out", tmp.resolve("x").toString(), "--codebook-size", "13",
        "--encoder", "text");
    assertEquals(2, big.code());
    assertTrue(big.err().contains("codebook size 13 at level 1 exceeds the 12 items"), big.err());
    CliRun missing = CliRun.of("sid", "report", tmp.resolve("nothing").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("has no report.json"), missing.err());
    CliRun badEnc = CliRun.of("sid", "build", "--data", ds.toString(), "--out", tmp.resolve("y").toString(), "--encoder", "clip");
    assertEquals(2, badEnc.code());
    assertTrue(badEnc.err().contains("config key 'encoder' has invalid value 'clip' (--encoder clip)"), badEnc.err());
  }

  @Test
  void extendCodesNewItemsWithTheSavedCodebooks() throws Exception {
    Path ds = dataset();
    Path sid = tmp.resolve("sid");
    CliRun b = CliRun.of("sid", "build", "--data", ds.toString(), "--out", sid.toString(), "--levels", "2",
        "--codebook-size", "3", "--seed", "1");
    assertEquals(0, b.code(), b.err());
    Path grown = dataset("grown", 15);
    Path sid2 = tmp.resolve("sid2");
    CliRun noIds = CliRun.of("sid", "extend", "--sids", sid.toString(), "--data", grown.toString(), "--out", sid2.toString());
    assertEquals(2, noIds.code());
    assertTrue(noIds.err().contains("--from-data"), noIds.err());

    CliRun e = CliRun.of("sid", "extend", "--sids", sid.toString(), "--from-data", ds.toString(), "--data", grown.toString(),
        "--out", sid2.toString(), "--threads", "1");
    assertEquals(0, e.code(), e.err());
    assertTrue(e.out().contains("| 15 | 12 | 3 | 2 | 1 |"), e.out());
    org.r2led.data.PreparedDataset d1 = org.r2led.data.PreparedDataset.open(ds);
    org.r2led.data.PreparedDataset d2 = org.r2led.data.PreparedDataset.open(grown);
    SidTable old = SidTable.load(sid);
    SidTable t = SidTable.load(sid2, d2.manifest().fingerprint());
    java.util.List<String> raw1 = d1.itemRawIds();
    java.util.List<String> raw2 = d2.itemRawIds();
    for (int i = 1; i <= 12; i++) assertEquals(java.util.Arrays.toString(old.codes(i)), java.util.Arrays.toString(t.codes(raw2.indexOf(raw1.get(i)))));
    // a new item with text: the sentence encoder's vector, nearest codeword per level with the build's codebooks
    int up = raw2.indexOf("it12");
    try (org.r2led.sid.embed.BgeSmallEncoder enc = new org.r2led.sid.embed.BgeSmallEncoder(1)) {
      float[] v = enc.encode(java.util.List.of(d2.itemTexts().get(up)))[0];
      int[] codes = org.r2led.sid.quant.RqKMeansQuantizer.assign(org.r2led.sid.CodebookFiles.readAll(sid), v, 1, v.length, null);
      assertEquals(codes[0] + 1, t.code(up, 0));
      assertEquals(codes[1] + 1, t.code(up, 1));
    }
  }

  @Test
  void extendGivesEveryNewItemTheFallbackOnCooccurrenceSids() throws Exception {
    Path ds = dataset();
    Path sid = tmp.resolve("sid");
    CliRun b = CliRun.of("sid", "build", "--data", ds.toString(), "--out", sid.toString(), "--levels", "2",
        "--codebook-size", "3", "--seed", "1", "--encoder", "cooccurrence", "--threads", "1");
    assertEquals(0, b.code(), b.err());
    Path grown = dataset("grown", 15);
    CliRun e = CliRun.of("sid", "extend", "--sids", sid.toString(), "--from-data", ds.toString(), "--data", grown.toString(),
        "--out", sid.toString());
    assertEquals(0, e.code(), e.err());
    assertTrue(e.out().contains("| 15 | 12 | 3 | 0 | 3 |"), e.out());
    assertTrue(e.out().contains("cooccurrence (no vectors for new items)"), e.out());
    SidTable t = SidTable.load(sid, org.r2led.data.PreparedDataset.open(grown).manifest().fingerprint());
    assertEquals(15, t.numItems());
    CliRun text = CliRun.of("sid", "extend", "--sids", sid.toString(), "--data", grown.toString(), "--out",
        tmp.resolve("x").toString(), "--encoder", "text");
    assertEquals(2, text.code());
    assertTrue(text.err().contains("were built from 'cooccurrence' vectors"), text.err());
  }
}
