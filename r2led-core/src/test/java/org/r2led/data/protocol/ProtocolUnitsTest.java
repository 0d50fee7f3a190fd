package org.r2led.data.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProtocolUnitsTest {
  @Test
  void perUserSplitRounding() {
    // {train, valid, test} = {n - 2*floor(n/10), floor(n/10), floor(n/10)} with 10 % fractions
    assertArrayEquals(new int[] {0, 0, 0}, RatingProtocol.splitSizes(0, 0.1, 0.1));
    assertArrayEquals(new int[] {9, 0, 0}, RatingProtocol.splitSizes(9, 0.1, 0.1));
    assertArrayEquals(new int[] {8, 1, 1}, RatingProtocol.splitSizes(10, 0.1, 0.1));
    assertArrayEquals(new int[] {17, 1, 1}, RatingProtocol.splitSizes(19, 0.1, 0.1));
    assertArrayEquals(new int[] {16, 2, 2}, RatingProtocol.splitSizes(20, 0.1, 0.1));
    assertArrayEquals(new int[] {24, 3, 3}, RatingProtocol.splitSizes(30, 0.1, 0.1), "30 x 0.1 is 3 despite binary rounding");
    assertArrayEquals(new int[] {56, 7, 7}, RatingProtocol.splitSizes(70, 0.1, 0.1));
    assertArrayEquals(new int[] {2160, 269, 269}, RatingProtocol.splitSizes(2698, 0.1, 0.1));
    assertArrayEquals(new int[] {7, 1, 2}, RatingProtocol.splitSizes(10, 0.1, 0.2));
  }

  @Test
  void dayStartInATimeZone() {
    assertEquals(1512230400L, ClickProtocol.dayStart(1512316763L, 8), "2017-12-03 23:59:23 Beijing");
    assertEquals(1511539200L, ClickProtocol.dayStart(1511539200L, 8));
    assertEquals(1511539200L - 86400, ClickProtocol.dayStart(1511539199L, 8));
    assertEquals(-86400L, ClickProtocol.dayStart(-1, 0));
    assertEquals(86400L, ClickProtocol.dayStart(86400 + 5, 0));
  }

  @Test
  void autoDayBoundariesAreClampedToTheWindow() {
    ProtocolParams p = ProtocolParams.defaults(org.r2led.data.source.SourceFormat.CSV, "click",
        org.r2led.data.source.SourceData.Labels.NONE).with(java.util.Map.of());
    ProtocolParams oneDay = ClickProtocol.resolveWindow(p, 86400 + 10, 86400 + 500);
    assertEquals(86400L, oneDay.lng("click.window_start"));
    assertEquals(2 * 86400L, oneDay.lng("click.window_end"));
    assertEquals(86400L, oneDay.lng("click.test_start"));
    assertEquals(86400L, oneDay.lng("click.valid_start"));
    ProtocolParams fiveDays = ClickProtocol.resolveWindow(p, 86400 + 10, 5 * 86400 + 500);
    assertEquals(5 * 86400L, fiveDays.lng("click.test_start"));
    assertEquals(4 * 86400L, fiveDays.lng("click.valid_start"));
    ProtocolParams fixedEnd = ClickProtocol.resolveWindow(p.with(java.util.Map.of("click.window_end", "700000")), 10, 20);
    assertEquals(700000L - 86400, fixedEnd.lng("click.test_start"), "derived from an explicit window_end");
  }

  @Test
  void resolvedParametersSurviveSerializationForDistributedShards() throws Exception {
    ProtocolParams p = ClickProtocol.resolveWindow(ProtocolParams.defaults(org.r2led.data.source.SourceFormat.TAOBAO, "click",
        org.r2led.data.source.SourceData.Labels.NONE).with(java.util.Map.of("click.negatives", "3")), 0, 1);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(p);
    }
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      ProtocolParams copy = (ProtocolParams) in.readObject();
      assertEquals(p.toMap(), copy.toMap());
      assertEquals(3, copy.integer("click.negatives"));
      assertEquals(1511539200L, copy.lng("click.window_start"), "the Taobao default window");
    }
  }

  @Test
  void popularitySamplerFollowsTheWeightsAndExcludes() {
    PopularitySampler s = new PopularitySampler(new long[] {0, 1, 0, 3});
    SplittableRandom rnd = new SplittableRandom(1);
    int[] hits = new int[4];
    int n = 40_000;
    for (int i = 0; i < n; i++) hits[s.draw(rnd)]++;
    assertEquals(0, hits[0]);
    assertEquals(0, hits[2], "zero-weight item never drawn");
    assertEquals(0.25, hits[1] / (double) n, 0.01);
    assertEquals(0.75, hits[3] / (double) n, 0.01);
    for (int i = 0; i < 100; i++) assertEquals(1, s.drawExcluding(rnd, 3));
    PopularitySampler single = new PopularitySampler(new long[] {0, 0, 5});
    assertThrows(IllegalStateException.class, () -> single.drawExcluding(rnd, 2));
  }
}
