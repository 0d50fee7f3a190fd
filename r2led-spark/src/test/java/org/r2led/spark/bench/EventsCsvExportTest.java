package org.r2led.spark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.train.TinyTask;

/** Issue 20: {@code spark events-csv --out FILE} replaces only an events file it wrote (its header row). */
class EventsCsvExportTest {
  @TempDir Path tmp;

  @Test
  void aFileOfTheUsersIsRefusedAndItsOwnReplaced() throws Exception {
    PreparedDataset ds = TinyTask.write(tmp.resolve("ds"), 3, 5, 1);
    Path mine = Files.writeString(tmp.resolve("events.csv"), "my,own,columns\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventsCsvExport.write(ds, mine, 0));
    assertTrue(e.getMessage().contains("refusing to overwrite " + mine.toRealPath()), e.getMessage());
    assertEquals("my,own,columns\n", Files.readString(mine));
    Files.delete(mine);
    assertEquals(15, EventsCsvExport.write(ds, mine, 0));
    assertEquals(15, EventsCsvExport.write(ds, mine, 0));
    assertTrue(Files.readString(mine).startsWith(EventsCsvExport.HEADER + "\n"));
  }
}
