package org.r2led.bench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The configurations {@code bench train --workers} compares and its table (no child JVMs). */
class WorkersBenchmarkTest {
  @Test
  void comparesOneThreadTheDefaultAndEachWorkerCount() {
    assertEquals(List.of(new WorkersBenchmark.Setup(1, 1), new WorkersBenchmark.Setup(1, 2), new WorkersBenchmark.Setup(2, 1),
        new WorkersBenchmark.Setup(4, 1)), WorkersBenchmark.setups(List.of(1, 2, 4), 2));
    assertEquals(List.of(new WorkersBenchmark.Setup(1, 1), new WorkersBenchmark.Setup(2, 1)), WorkersBenchmark.setups(List.of(2), 1));
    assertThrows(IllegalArgumentException.class, () -> WorkersBenchmark.setups(List.of(0), 2));
    assertEquals("2 workers x 1 intra-op thread", new WorkersBenchmark.Setup(2, 1).label());
  }

  @Test
  void tableShowsSpeedUpsAndExchange() {
    WorkersBenchmark.Row one = new WorkersBenchmark.Row("ml din", "1 worker, 1 intra-op thread", 1, 1, 1000, 900, 1100, 1, 0.8, 1, 400,
        450, 10, 2, 0, 0, 0, 60, 5, 0.4);
    WorkersBenchmark.Row two = new WorkersBenchmark.Row("ml din", "2 workers x 1 intra-op thread", 2, 1, 1700, 1600, 1800, 1.7, 1.36,
        0.85, 450, 500, 6, 1, 0, 91540, 7060, 70, 8, 2.5);
    String md = WorkersBenchmark.markdown(List.of(one, two), 2, 5, 30, 3);
    assertTrue(md.contains("| ml din | 2 workers x 1 intra-op thread | 1,700 (1,600–1,800) | 1.70 | 1.36 | 85 % |"), md);
    assertTrue(md.contains("| 70 | 8 | 2.5 | 91,540, 7,060 |"), "CPU, waiting, JIT and exchange columns: " + md);
    assertTrue(md.contains("| – |"), "no exchange with one worker: " + md);
  }
}
