package org.r2led.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.io.FileTrees;
import org.r2led.io.Hashing;
import org.r2led.io.Json;
import org.r2led.train.TinyTask;

/**
 * Loading a model reads only regular files inside its directory: a {@code model.json} entry that
 * climbs out, a symlinked file or folder, or an unlisted file the loader would read is refused before
 * anything outside is opened, and no message carries a hash (or the existence) of an outside file.
 */
class ModelDirConfinementTest {
  @TempDir static Path tmp;
  static Path model;
  static Path secret;
  static String secretHash;

  @BeforeAll
  static void exportOne() throws Exception {
    Path data = tmp.resolve("data");
    TinyTask.write(data, 60, 40, 3);
    model = ScoringFixture.train(tmp, data, null, "din", List.of("batch_size=128", "epochs=1")).modelDir();
    secret = tmp.resolve("secret.txt");
    Files.writeString(secret, "root:$6$not-for-you\n");
    secretHash = Hashing.sha256(secret);
  }

  @Test
  void anEntryOutsideTheDirectoryIsRefusedWithoutReadingIt() throws Exception {
    Path dir = copy("climb");
    String outside = dir.relativize(secret).toString();          // ../../secret.txt
    assertTrue(outside.startsWith(".."));
    String existing = message(withEntry(dir, outside, "0".repeat(64)));
    assertFalse(existing.contains(secretHash), existing);
    assertTrue(existing.contains("not a relative path inside the model directory"), existing);
    // a name that reaches nothing gives the same answer: no existence probe
    Path other = copy("climb-missing");
    String missing = message(withEntry(other, outside.replace("secret.txt", "no-such-file"), "0".repeat(64)));
    assertEquals(existing.replace(dir.toString(), "D").replace("secret.txt", "X"),
        missing.replace(other.toString(), "D").replace("no-such-file", "X"));
    for (String name : List.of("/etc/shadow", "items/../../secret.txt", "./config.yaml", "items//raw_id.txt", "")) {
      String m = message(withEntry(copy("bad-" + Math.abs(name.hashCode())), name, "0".repeat(64)));
      assertTrue(m.contains("not a relative path inside the model directory"), name + ": " + m);
    }
  }

  @Test
  void symlinkedFilesAndFoldersAreRefused() throws Exception {
    Path dir = copy("link-file");
    Files.delete(dir.resolve(ModelManifest.CONFIG));
    Files.createSymbolicLink(dir.resolve(ModelManifest.CONFIG), secret);
    String m = message(dir);
    assertTrue(m.contains("is a symbolic link"), m);
    assertFalse(m.contains(secretHash), m);

    Path folder = copy("link-folder");
    Path items = folder.resolve("items");
    Path moved = tmp.resolve("items-elsewhere");
    Files.move(items, moved);
    Files.createSymbolicLink(items, moved);
    m = message(folder);
    assertTrue(m.contains("is a symbolic link") && m.contains("items"), m);

    Path json = copy("link-json");
    Path real = tmp.resolve("model-json-elsewhere.json");
    Files.move(json.resolve(ModelManifest.FILE), real);
    Files.createSymbolicLink(json.resolve(ModelManifest.FILE), real);
    m = message(json);
    assertTrue(m.contains("is a symbolic link"), m);
  }

  @Test
  void aFileTheLoaderReadsMustBeListed() throws Exception {
    Path dir = copy("unlisted");
    ObjectNode m = (ObjectNode) Json.MAPPER.readTree(dir.resolve(ModelManifest.FILE).toFile());
    ((ObjectNode) m.get("files")).remove(ModelManifest.CONFIG);
    Files.writeString(dir.resolve(ModelManifest.FILE), Json.MAPPER.writeValueAsString(m));
    Files.delete(dir.resolve(ModelManifest.CONFIG));
    Files.createSymbolicLink(dir.resolve(ModelManifest.CONFIG), secret);
    String msg = message(dir);
    assertTrue(msg.contains("does not list config.yaml"), msg);
    assertFalse(msg.contains("not-for-you"), msg);
  }

  @Test
  void aSwapAKilledExportLeftHalfDoneIsSettledByTheLoader() throws Exception {
    Path dir = copy("swapped");
    String id = ScoringModel.load(dir).modelId();
    org.r2led.io.InterruptedSwapReadersTest.readsAfterBothKinds(dir, d -> assertEquals(id, ScoringModel.load(d).modelId()));
  }

  @Test
  void theUntouchedCopyStillLoads() throws Exception {
    assertEquals(ScoringModel.load(model).modelId(), ScoringModel.load(copy("plain")).modelId());
  }

  private static String message(Path dir) {
    return assertThrows(IllegalArgumentException.class, () -> ScoringModel.load(dir)).getMessage();
  }

  private static Path withEntry(Path dir, String name, String sha) throws Exception {
    ObjectNode m = (ObjectNode) Json.MAPPER.readTree(dir.resolve(ModelManifest.FILE).toFile());
    ((ObjectNode) m.get("files")).put(name, sha);
    Files.write(dir.resolve(ModelManifest.FILE), Json.MAPPER.writeValueAsString(m).getBytes(StandardCharsets.UTF_8));
    return dir;
  }

  private static Path copy(String name) throws Exception {
    Path to = tmp.resolve("copies").resolve(name);
    FileTrees.delete(to);
    FileTrees.copy(model, to);
    return to;
  }
}
