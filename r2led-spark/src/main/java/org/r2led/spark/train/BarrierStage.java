package org.r2led.spark.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.SparkSession;
import scala.Function1;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * One Spark barrier stage of {@code n} tasks ({@code rdd.barrier().mapPartitions}, one partition per
 * task): Spark launches all tasks together or none, and reruns the whole stage when one fails (up to
 * {@code spark.stage.maxConsecutiveAttempts}, default 4). Spark reruns a failed barrier stage only
 * when it is a shuffle-map stage (a failed barrier result stage aborts the job), so the results go
 * through a one-partition shuffle before they are collected.
 */
final class BarrierStage {
  private BarrierStage() {}

  /** What each task runs, given its barrier context. */
  @FunctionalInterface
  interface Body<T> extends Serializable {
    T run(BarrierTaskContext ctx);
  }

  /** Runs {@code body} in {@code n} barrier tasks; the results in partition order. */
  static <T> List<T> run(SparkSession spark, int n, String description, Body<T> body) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    spark.sparkContext().setJobDescription(description);
    RDD<Integer> parts = jsc.parallelize(IntStream.range(0, n).boxed().toList(), n).rdd();
    @SuppressWarnings("unchecked")
    ClassTag<Object> tag = (ClassTag<Object>) (ClassTag<?>) ClassTag$.MODULE$.AnyRef();
    Function1<Iterator<Integer>, Iterator<Object>> f = (Function1<Iterator<Integer>, Iterator<Object>> & Serializable) it -> {
      BarrierTaskContext ctx = BarrierTaskContext.get();
      return CollectionConverters.asScala(List.<Object>of(new Tuple2<>(ctx.partitionId(), body.run(ctx))).iterator());
    };
    Object[] out = (Object[]) parts.barrier().mapPartitions(f, false, tag).repartition(1, null).collect();
    List<T> results = new ArrayList<>(java.util.Collections.nCopies(n, null));
    for (Object o : out) {
      @SuppressWarnings("unchecked")
      Tuple2<Integer, T> t = (Tuple2<Integer, T>) o;
      results.set(t._1(), t._2());
    }
    return results;
  }
}
