package org.r2led.spark.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.protocol.DatasetPreparer;
import org.r2led.data.protocol.PrepareRequest;
import org.r2led.data.protocol.PrepareResult;
import org.r2led.data.source.SourceFormat;
import org.r2led.spark.SparkTestBase;

/** Same input ⇒ same prepared output: the Spark job in local[2] against {@code data prepare} on the shared real data. */
class SparkPrepareEqualityTest extends SparkTestBase {
  static final Path SHARED = Path.of(System.getProperty("r2led.shared.data", "../../shared/data"));

  @Test
  void movieLensEqualsLocal(@TempDir Path tmp) throws Exception {
    Path in = SHARED.resolve("movielens-latest-small");
    assumeTrue(Files.isDirectory(in), "shared MovieLens data absent: " + in);
    compare(SourceFormat.MOVIELENS, in, tmp);
  }

  @Test
  void taobaoEqualsLocal(@TempDir Path tmp) throws Exception {
    Path in = SHARED.resolve("taobao-userbehavior-head/UserBehavior_head.csv");
    assumeTrue(Files.isRegularFile(in), "shared Taobao data absent: " + in);
    compare(SourceFormat.TAOBAO, in, tmp);
  }

  private static void compare(SourceFormat format, Path in, Path tmp) throws Exception {
    PrepareResult local = DatasetPreparer.prepare(PrepareRequest.of(format, in, tmp.resolve("local")), null);
    PrepareResult dist = SparkPrepare.run(spark, PrepareRequest.of(format, in, tmp.resolve("spark")), 5, System.err);
    assertEquals(local.manifest().fingerprint(), dist.manifest().fingerprint());
    LayoutComparison.assertSameLayout(local.dir(), dist.dir());
  }
}
