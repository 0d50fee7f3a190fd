package org.r2led.spark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Progress of a Spark job on the driver's console: for each running stage, at most every
 * {@value #INTERVAL_MS} ms, the tasks done, the records read per second and the estimated time left;
 * one line when a stage ends. Detached on {@link #close}.
 */
public final class SparkProgress extends SparkListener implements AutoCloseable {
  static final long INTERVAL_MS = 10_000;

  private final SparkSession spark;
  private final PrintStream out;
  private final Map<Integer, Stage> stages = new ConcurrentHashMap<>();

  private static final class Stage {
    final String name;
    final int tasks;
    final long start = System.nanoTime();
    int done;
    long records;
    long lastPrint = System.nanoTime();

    Stage(String name, int tasks) {
      this.name = name;
      this.tasks = tasks;
    }
  }

  private SparkProgress(SparkSession spark, PrintStream out) {
    this.spark = spark;
    this.out = out;
  }

  /** Registers a progress listener on the session's context. */
  public static SparkProgress attach(SparkSession spark, PrintStream out) {
    SparkProgress p = new SparkProgress(spark, out);
    spark.sparkContext().addSparkListener(p);
    return p;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted e) {
    String name = e.stageInfo().name();
    int cut = name.indexOf(" at ");
    stages.put(e.stageInfo().stageId(), new Stage(cut > 0 ? name.substring(0, cut) : name, e.stageInfo().numTasks()));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    Stage s = stages.get(e.stageId());
    if (s == null || e.taskMetrics() == null) return;
    synchronized (s) {
      s.done++;
      s.records += e.taskMetrics().inputMetrics().recordsRead() + e.taskMetrics().shuffleReadMetrics().recordsRead();
      long now = System.nanoTime();
      if ((now - s.lastPrint) / 1_000_000 >= INTERVAL_MS && s.done < s.tasks) {
        s.lastPrint = now;
        double sec = (now - s.start) / 1e9;
        double eta = sec / s.done * (s.tasks - s.done);
        out.printf(Locale.ROOT, "  stage %d (%s): %d/%d tasks, %,.0f records/s, ETA %.0f s%n", e.stageId(), s.name,
            s.done, s.tasks, s.records / sec, eta);
      }
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted e) {
    Stage s = stages.remove(e.stageInfo().stageId());
    if (s == null) return;
    double sec = (System.nanoTime() - s.start) / 1e9;
    if (sec >= 5) {
      out.printf(Locale.ROOT, "  stage %d (%s) done: %d tasks, %,d records in %.1f s (%,.0f records/s)%n",
          e.stageInfo().stageId(), s.name, s.tasks, s.records, sec, s.records / sec);
    }
  }

  @Override
  public void close() {
    spark.sparkContext().removeSparkListener(this);
  }
}
