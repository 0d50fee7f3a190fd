package org.r2led.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.data.synth.SynthConfig;
import org.r2led.data.synth.SyntheticGenerator;
import org.r2led.recall.RecallRun;
import org.r2led.sid.SidTable;

/**
 * Issue 20, case 5: a reader that meets a directory whose swap a killed writer left between its two
 * renames completes the swap (a complete staging directory is moved in) or undoes it (the previous
 * content is put back) under the directory's lock, as a writer's {@link StagedDir#open} does.
 */
public class InterruptedSwapReadersTest {
  @TempDir Path tmp;

  static final String DEAD = "999999999";

  private Path dataset() {
    Path ds = tmp.resolve("ds");
    SyntheticGenerator.generate(SynthConfig.quickstart().with(Map.of("users", "40", "items", "300", "max_len", "60")), ds, null);
    return ds;
  }

  /** Killed after the first rename: the target moved aside, a complete (marked) staging copy of it beside it. */
  private static void killedAfterFirstRename(Path target, boolean stagingComplete) throws IOException {
    Path old = target.resolveSibling("." + target.getFileName() + ".old-" + DEAD);
    Path staging = target.resolveSibling("." + target.getFileName() + ".staging-" + DEAD);
    Files.move(target, old);
    try (Stream<Path> s = Files.walk(old)) {
      for (Path p : s.toList()) {
        Path to = staging.resolve(old.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else if (stagingComplete || !p.getFileName().toString().equals(StagedDir.MARKER)) Files.copy(p, to);
      }
    }
  }

  private static List<String> siblings(Path target) throws IOException {
    try (Stream<Path> s = Files.list(target.getParent())) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("." + target.getFileName() + "."))
          .filter(n -> !n.endsWith(".lock")).sorted().toList();
    }
  }

  /** Leaves {@code target} as a writer killed between its renames would, twice, and checks that {@code read} settles it. */
  public static void readsAfterBothKinds(Path target, Consumer<Path> read) throws IOException {
    killedAfterFirstRename(target, true);
    assertFalse(Files.exists(target));
    read.accept(target); // completed: the staging directory moved in
    assertTrue(Files.isDirectory(target));
    assertEquals(List.of(), siblings(target), "no staging or old directory left");

    killedAfterFirstRename(target, false);
    read.accept(target); // undone: the previous content put back
    assertTrue(Files.isRegularFile(target.resolve(StagedDir.MARKER)));
    assertEquals(List.of(), siblings(target));
  }

  @Test
  void preparedDatasetOpenCompletesOrUndoesTheSwap() throws IOException {
    Path ds = dataset();
    int users = PreparedDataset.open(ds).numUsers();
    readsAfterBothKinds(ds, d -> assertEquals(users, PreparedDataset.open(d).numUsers()));
  }

  @Test
  void sidTableLoadCompletesOrUndoesTheSwap() throws IOException {
    Path sids = tmp.resolve("sids");
    try (StagedDir d = StagedDir.open(sids, SidTable.KIND)) {
      new SidTable(new SidTable.Meta("fp", 2, new int[] {3}, 1, "test", "test", Map.of()), new int[] {0, 1, 3}).save(d.stage());
      d.commit();
    }
    readsAfterBothKinds(sids, d -> assertEquals(3, SidTable.load(d, "fp").code(2, 0)));
  }

  @Test
  void retrievalRunLoadCompletesOrUndoesTheSwap() throws IOException {
    Path run = tmp.resolve("run");
    RecallRun.train(dataset(), "popular", Map.of(), run, false);
    readsAfterBothKinds(run, d -> assertEquals("popular", RecallRun.load(d).info().model()));
  }

  @Test
  void aReaderWaitsForALiveWriterInsteadOfTouchingItsSwap() throws IOException {
    Path ds = dataset();
    killedAfterFirstRename(ds, true);
    try (DirLock writer = DirLock.acquire(ds)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> PreparedDataset.open(ds));
      assertTrue(e.getMessage().startsWith("cannot read " + tmp.toRealPath().resolve("ds") + " now: another r2led"
          + " process (PID " + ProcessHandle.current().pid() + ", lock file "), e.getMessage());
      assertTrue(e.getMessage().endsWith("is replacing it; wait for it to finish"), e.getMessage());
    }
    assertEquals(2, siblings(ds).size(), "nothing was touched while the writer held the lock");
    PreparedDataset.open(ds);
    assertEquals(List.of(), siblings(ds));
  }

  @Test
  void aReaderOfAnIntactDirectoryTouchesNothing() throws IOException {
    Path ds = dataset();
    Files.delete(DirLock.lockFile(ds));
    PreparedDataset.open(ds);
    assertFalse(Files.exists(DirLock.lockFile(ds)), "no lock file is created by a plain read");
    assertThrows(IllegalArgumentException.class, () -> PreparedDataset.open(tmp.resolve("absent")));
    assertFalse(Files.exists(DirLock.lockFile(tmp.resolve("absent"))));
  }
}
