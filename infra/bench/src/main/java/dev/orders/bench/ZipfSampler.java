package dev.orders.bench;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Draws ranks 0..n-1 where rank k (1-based) has weight 1/k^s: a few SKUs are hot, most are cold, like a real
 * catalogue. s = 0 is uniform. Sampling is a binary search over the precomputed cumulative distribution.
 */
final class ZipfSampler {

    private final double[] cumulative;

    ZipfSampler(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        if (exponent < 0 || Double.isNaN(exponent)) {
            throw new IllegalArgumentException("exponent must be >= 0");
        }
        cumulative = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += 1 / Math.pow(k, exponent);
            cumulative[k - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        cumulative[n - 1] = 1.0;
    }

    int size() {
        return cumulative.length;
    }

    /** Probability of rank {@code rank} (0-based). */
    double probability(int rank) {
        return rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1];
    }

    /** A rank, 0 being the most popular. */
    int sample(RandomGenerator random) {
        double u = random.nextDouble();
        int index = Arrays.binarySearch(cumulative, u);
        // Not found: the insertion point is the first rank whose cumulative probability exceeds u.
        int rank = index >= 0 ? index + 1 : -index - 1;
        return Math.min(rank, cumulative.length - 1);
    }
}
