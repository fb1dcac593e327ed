package io.privatelink.core.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      10.1.2.3                  | 10.1.2.3/32
      0.0.0.0/0                 | 0.0.0.0/0
      fd00:ec2:0:0:0:0:0:254    | fd00:ec2::254/128
      FD12:3456:0000::/48       | fd12:3456::/48
      ::                        | ::/128
      ::1                       | ::1/128
      1::                       | 1::/128
      1:0:0:2:0:0:0:3           | 1:0:0:2::3/128
      1:0:0:2:0:0:3:4           | 1::2:0:0:3:4/128
      1:0:2:3:4:5:6:7           | 1:0:2:3:4:5:6:7/128
      0001:00a0:0:0:0:0:0:0/32  | 1:a0::/32
      64:ff9b::10.0.0.1         | 64:ff9b::a00:1/128
      """)
  void parsesToCanonicalText(String text, String canonical) {
    assertEquals(canonical, Cidr.parse(text).toString());
  }

  @Test
  void slash0MaskCoversEverything() {
    Cidr all = Cidr.parse("0.0.0.0/0");

    assertEquals(0, all.ipv4Mask());
    assertEquals(0L, Cidr.parse("::/0").maskHi());
  }

  @Test
  void masksSplitAtTheLongBoundary() {
    Cidr slash64 = Cidr.parse("fd00::/64");
    Cidr slash65 = Cidr.parse("fd00::/65");

    assertEquals(-1L, slash64.maskHi());
    assertEquals(0L, slash64.maskLo());
    assertEquals(Long.MIN_VALUE, slash65.maskLo());
  }
}
