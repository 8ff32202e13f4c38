package dev.orders.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What the simulated shoppers order: 1..maxLines distinct SKUs drawn by Zipf popularity, quantities 1..maxQuantity,
 * and a payment token drawn from the configured mix. Seeded, so a run's load can be repeated.
 */
final class OrderMix {

    private final List<String> skus;
    private final ZipfSampler popularity;
    private final int maxLines;
    private final int maxQuantity;
    private final String[] tokens;
    private final double[] tokenCumulative;
    private final SplittableRandom random;

    OrderMix(List<String> skus, double zipfExponent, int maxLines, int maxQuantity, Map<String, Double> paymentMix,
             long seed) {
        this.skus = List.copyOf(skus);
        this.popularity = new ZipfSampler(skus.size(), zipfExponent);
        this.maxLines = Math.min(maxLines, skus.size());
        this.maxQuantity = maxQuantity;
        this.tokens = paymentMix.keySet().toArray(String[]::new);
        this.tokenCumulative = new double[tokens.length];
        double sum = 0;
        for (int i = 0; i < tokens.length; i++) {
            sum += paymentMix.get(tokens[i]);
            tokenCumulative[i] = sum;
        }
        this.random = new SplittableRandom(seed);
    }

    synchronized Planned next() {
        int lineCount = 1 + random.nextInt(maxLines);
        Set<Integer> ranks = new LinkedHashSet<>();
        while (ranks.size() < lineCount) {
            ranks.add(popularity.sample(random));
        }
        List<Line> lines = new ArrayList<>(lineCount);
        for (int rank : ranks) {
            lines.add(new Line(skus.get(rank), 1 + random.nextInt(maxQuantity)));
        }
        return new Planned(List.copyOf(lines), token(random.nextDouble()));
    }

    synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private String token(double u) {
        for (int i = 0; i < tokens.length; i++) {
            if (u < tokenCumulative[i]) {
                return tokens[i];
            }
        }
        return tokens[tokens.length - 1];
    }

    /** One order line. */
    record Line(String sku, int quantity) {
    }

    /** An order to place. */
    record Planned(List<Line> lines, String paymentToken) {

        /**
         * The body of POST /api/v1/orders; SKUs and tokens come from our own safe alphabet. No customerId: the
         * instance takes the customer from the token.
         */
        String json() {
            StringBuilder json = new StringBuilder(64 + 40 * lines.size());
            json.append("{\"lines\":[");
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                if (i > 0) {
                    json.append(',');
                }
                json.append("{\"sku\":\"").append(line.sku()).append("\",\"quantity\":").append(line.quantity())
                        .append('}');
            }
            json.append("],\"paymentToken\":\"").append(paymentToken).append("\"}");
            return json.toString();
        }
    }
}
