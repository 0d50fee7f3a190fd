package org.r2led.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class OrphanedTempFilesTest {
  @TempDir Path tmp;

  /** The PID of a process that has exited. */
  public static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    assertFalse(p.isAlive());
    return p.pid();
  }

  @Test
  void removesTempFilesOfDeadProcessesOnly() throws Exception {
    long dead = deadPid();
    long self = ProcessHandle.current().pid();
    Path sub = Files.createDirectories(tmp.resolve("checkpoint"));
    Path orphan1 = Files.write(sub.resolve(".last.ckpt." + dead + ".3.tmp"), new byte[1000]);
    Path orphan2 = Files.write(tmp.resolve(".run.json." + dead + ".1.tmp"), new byte[24]);
    Path live = Files.write(sub.resolve(".best.ckpt." + self + ".7.tmp"), new byte[10]);
    Path other = Files.write(tmp.resolve(".notes.tmp"), new byte[5]);
    Path real = Files.write(sub.resolve("last.ckpt"), new byte[5]);

    OrphanedTempFiles.Removed r = OrphanedTempFiles.clean(tmp);
    assertEquals(new OrphanedTempFiles.Removed(2, 1024), r);
    assertFalse(Files.exists(orphan1));
    assertFalse(Files.exists(orphan2));
    assertTrue(Files.exists(live) && Files.exists(other) && Files.exists(real));
    assertTrue(r.describe(tmp).startsWith("removed 2 orphaned temp files"), r.describe(tmp));
    assertEquals(new OrphanedTempFiles.Removed(0, 0), OrphanedTempFiles.clean(tmp));
    assertEquals(new OrphanedTempFiles.Removed(0, 0), OrphanedTempFiles.clean(tmp.resolve("missing")));
  }

  @Test
  void atomicWritesOfThisProcessAreNotOrphans() throws Exception {
    Path f = tmp.resolve("a.bin");
    AtomicFiles.write(f, out -> {
      out.write(1);
      try (var s = Files.list(tmp)) {
        assertEquals(1, s.count()); // the temp file being written
      }
      assertEquals(0, OrphanedTempFiles.clean(tmp).files());
    });
    assertTrue(Files.exists(f));
  }
}
