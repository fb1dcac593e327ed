package io.privatelink.benchmarks.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  private static final double[] ROUNDS = {
    1.02, 0.97, 1.01, 0.99, 1.04, 0.95, 1.00, 1.03, 0.98, 1.01, 0.96, 1.02, 1.00, 0.99, 1.05
  };

  @Test
  void sameSamplesAndSeedGiveTheSameInterval() {
    assertEquals(
        Bootstrap.medianInterval(ROUNDS, 42), Bootstrap.medianInterval(ROUNDS.clone(), 42));
  }

  @Test
  void anotherSeedMovesTheBoundsOnlySlightly() {
    double[] rounds = gaussianRounds(45, 0.05);
    Interval a = Bootstrap.medianInterval(rounds, 1);
    Interval b = Bootstrap.medianInterval(rounds, 2);
    assertEquals(a.low(), b.low(), 0.005);
    assertEquals(a.high(), b.high(), 0.005);
  }

  @Test
  void intervalSurroundsTheMedianWithinTheSampleRange() {
    Interval interval = Bootstrap.medianInterval(ROUNDS, Bootstrap.SEED);
    assertEquals(1.00, interval.median(), 1e-12);
    assertTrue(
        interval.low() < interval.median() && interval.median() < interval.high(), "" + interval);
    assertTrue(interval.low() >= 0.95 && interval.high() <= 1.05, "" + interval);
    assertEquals(ROUNDS.length, interval.samples());
  }

  @Test
  void intervalMatchesTheOrderStatisticsOfTheMedianForFifteenRounds() {
    // For n = 15 the distribution-free 95% interval of the median lies between the 4th and 12th
    // order statistics (0.98 and 1.02 here); the bootstrap's percentile bounds land on those too.
    Interval interval = Bootstrap.medianInterval(ROUNDS, Bootstrap.SEED);
    assertEquals(0.98, interval.low(), 0.0101);
    assertEquals(1.02, interval.high(), 0.0101);
  }

  @Test
  void moreRoundsOfTheSameSpreadNarrowTheInterval() {
    double[] many = gaussianRounds(135, 0.05);
    double[] few = java.util.Arrays.copyOf(many, 15);
    double wide = Bootstrap.medianInterval(few, Bootstrap.SEED).relativeHalfWidth();
    double narrow = Bootstrap.medianInterval(many, Bootstrap.SEED).relativeHalfWidth();
    assertTrue(narrow < wide / 2, "15 rounds +-" + wide + ", 135 rounds +-" + narrow);
  }

  @Test
  void identicalRoundsGiveAZeroWidthInterval() {
    Interval interval = Bootstrap.medianInterval(new double[] {0.9, 0.9, 0.9}, Bootstrap.SEED);
    assertEquals(new Interval(0.9, 0.9, 0.9, 3), interval);
    assertEquals(0.0, interval.relativeHalfWidth());
  }

  @Test
  void oneRoundHasNoInterval() {
    Interval interval = Bootstrap.medianInterval(new double[] {1.1}, Bootstrap.SEED);
    assertEquals(1.1, interval.median());
    assertFalse(interval.isKnown());
    assertEquals(Double.POSITIVE_INFINITY, interval.relativeHalfWidth());
    assertEquals("1.100 [n/a]", interval.format("%.3f"));
  }

  @Test
  void formatShowsTheMedianThenTheBounds() {
    assertEquals("1.017 [0.991, 1.040]", new Interval(1.017, 0.991, 1.04, 15).format("%.3f"));
  }

  @Test
  void relativeHalfWidthIsHalfTheWidthOverTheMedian() {
    assertEquals(0.03, new Interval(1.0, 0.97, 1.03, 15).relativeHalfWidth(), 1e-12);
  }

  @Test
  void ratioOfMediansIsTheRatioOfEachSidesMedianWithBoundsAroundIt() {
    double[] cold = {170, 172, 168, 175, 169};
    double[] raw = {128, 130, 126, 127, 131};
    Interval ratio = Bootstrap.ratioOfMediansInterval(cold, raw, Bootstrap.SEED);
    assertEquals(170.0 / 128.0, ratio.median(), 1e-12);
    assertTrue(ratio.low() <= ratio.median() && ratio.median() <= ratio.high(), "" + ratio);
    assertTrue(ratio.low() >= 168.0 / 131 && ratio.high() <= 175.0 / 126, "" + ratio);
    assertEquals(ratio, Bootstrap.ratioOfMediansInterval(cold, raw, Bootstrap.SEED));
    assertNotEquals(ratio.low(), ratio.high());
  }

  @Test
  void ratioOfMediansWithOneIterationHasNoInterval() {
    Interval ratio = Bootstrap.ratioOfMediansInterval(new double[] {2}, new double[] {1, 1}, 3);
    assertEquals(2.0, ratio.median());
    assertFalse(ratio.isKnown());
  }

  @Test
  void noSamplesOrANonFiniteSampleIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Bootstrap.medianInterval(new double[0], 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Bootstrap.medianInterval(new double[] {1, Double.NaN}, 1));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Bootstrap.ratioOfMediansInterval(
                new double[] {1}, new double[] {Double.POSITIVE_INFINITY}, 1));
  }

  /** Ratios around 1.0 with the given standard deviation, from a fixed seed. */
  private static double[] gaussianRounds(int rounds, double spread) {
    SplittableRandom random = new SplittableRandom(7);
    double[] out = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      out[i] = 1.0 + random.nextGaussian() * spread;
    }
    return out;
  }
}
