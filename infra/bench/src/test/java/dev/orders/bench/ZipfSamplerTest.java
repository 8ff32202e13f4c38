package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {

    @Test
    void probabilitiesFollowOneOverRankAndSumToOne() {
        ZipfSampler zipf = new ZipfSampler(1000, 1.0);
        double harmonic = 0;
        for (int k = 1; k <= 1000; k++) {
            harmonic += 1.0 / k;
        }
        double sum = 0;
        for (int rank = 0; rank < zipf.size(); rank++) {
            sum += zipf.probability(rank);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
        assertThat(zipf.probability(0)).isCloseTo(1 / harmonic, within(1e-9));
        assertThat(zipf.probability(9)).isCloseTo(1 / (10 * harmonic), within(1e-9));
    }

    @Test
    void sampledFrequenciesMatchTheDistribution() {
        ZipfSampler zipf = new ZipfSampler(50, 1.2);
        SplittableRandom random = new SplittableRandom(7);
        int draws = 400_000;
        int[] counts = new int[50];
        for (int i = 0; i < draws; i++) {
            counts[zipf.sample(random)]++;
        }
        for (int rank : new int[] {0, 1, 4, 20, 49}) {
            double expected = zipf.probability(rank);
            // Within 5 standard deviations of a binomial count.
            double sd = Math.sqrt(expected * (1 - expected) / draws);
            assertThat(counts[rank] / (double) draws).as("rank %d", rank).isCloseTo(expected, within(5 * sd));
        }
        assertThat(counts[0]).isGreaterThan(counts[1]).isGreaterThan(counts[10]);
    }

    @Test
    void exponentZeroIsUniform() {
        ZipfSampler uniform = new ZipfSampler(4, 0);
        for (int rank = 0; rank < 4; rank++) {
            assertThat(uniform.probability(rank)).isCloseTo(0.25, within(1e-12));
        }
    }

    @Test
    void aSingleRankIsAlwaysDrawn() {
        ZipfSampler one = new ZipfSampler(1, 1.0);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            assertThat(one.sample(random)).isZero();
        }
    }
}
