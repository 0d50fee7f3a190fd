package org.r2led.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfilePerCallTest {
  @Test
  void recordsEachCallsSectionsSeparatelyAndRestoresTheState() {
    Profile.enable(false);
    int[] call = {0};
    Map<String, double[]> per = Profile.perCall(4, "total", () -> {
      if (call[0]++ % 2 == 1) Profile.add("odd", 3_000_000L);   // 3 ms on calls 1 and 3
    });
    assertEquals(List.of("total", "odd"), List.copyOf(per.keySet()));
    assertEquals(4, per.get("total").length);
    double[] odd = per.get("odd");
    assertEquals(0.0, odd[0]);
    assertEquals(3.0, odd[1], 1e-9);
    assertEquals(0.0, odd[2]);
    assertEquals(3.0, odd[3], 1e-9);
    for (double ms : per.get("total")) assertTrue(ms >= 0);
    assertFalse(Profile.enabled(), "recording was off before and is off again");
    assertTrue(Profile.snapshot().isEmpty(), "sections are cleared");
  }
}
