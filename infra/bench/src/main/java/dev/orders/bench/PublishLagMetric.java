package dev.orders.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The server's own timer {@code orders_kafka_publish_lag_seconds} (an event's timestamp to the broker's
 * acknowledgement of its record), read from {@code /actuator/prometheus} on the management port.
 */
final class PublishLagMetric {

    static final String NAME = "orders_kafka_publish_lag_seconds";

    private final URI endpoint;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** {@code base}: the management base URL, or the full URL of the Prometheus endpoint. */
    PublishLagMetric(URI base) {
        String text = base.toString();
        this.endpoint = URI.create(text.endsWith("/actuator/prometheus") ? text : text + "/actuator/prometheus");
    }

    URI endpoint() {
        return endpoint;
    }

    /** Reads the timer once; fails with a message for the report when the endpoint does not serve it. */
    Reading read() throws Exception {
        // The exposition is large (every histogram bucket of the instance) and a loaded server is slow to render it.
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(15))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + endpoint
                    + (response.statusCode() == 401 || response.statusCode() == 403
                    ? " (the endpoint is open without a token only on the management port, MANAGEMENT_SERVER_PORT)"
                    : ""));
        }
        Reading reading = parse(response.body());
        if (reading == null) {
            throw new IllegalStateException(endpoint + " has no " + NAME + " (an instance without the saga role "
                    + "does not publish)");
        }
        return reading;
    }

    /**
     * The timer's count, sum, buckets and rolling max, summed (max: the largest) over its series; null when
     * absent.
     */
    static Reading parse(String exposition) {
        long count = 0;
        double sum = 0;
        double max = 0;
        NavigableMap<Double, Long> buckets = new TreeMap<>();
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(NAME + "_")) {
                continue;
            }
            String rest = line.substring(NAME.length() + 1);
            int nameEnd = 0;
            while (nameEnd < rest.length() && Character.isLetter(rest.charAt(nameEnd))) {
                nameEnd++;
            }
            String suffix = rest.substring(0, nameEnd);
            double value;
            try {
                value = Double.parseDouble(valueOf(rest.substring(nameEnd)));
            } catch (RuntimeException e) {
                continue;
            }
            switch (suffix) {
                case "count" -> {
                    count += (long) value;
                    found = true;
                }
                case "sum" -> sum += value;
                case "max" -> max = Math.max(max, value);
                case "bucket" -> {
                    Double le = le(rest.substring(nameEnd));
                    if (le != null) {
                        buckets.merge(le, (long) value, Long::sum);
                    }
                }
                default -> {
                    // buckets and anything else of the family
                }
            }
        }
        return found ? new Reading(count, sum, max, buckets) : null;
    }

    private static Double le(String labels) {
        int at = labels.indexOf("le=\"");
        if (at < 0) {
            return null;
        }
        int end = labels.indexOf('"', at + 4);
        String bound = labels.substring(at + 4, end);
        try {
            return bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The sample value after the optional {labels}, before an optional timestamp. */
    private static String valueOf(String afterName) {
        String text = afterName;
        if (text.startsWith("{")) {
            boolean quoted = false;
            int i = 1;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == '}' && !quoted) {
                    break;
                }
            }
            text = text.substring(Math.min(text.length(), i + 1));
        } else if (!text.startsWith(" ")) {
            throw new IllegalArgumentException("not a sample of the timer");
        }
        return text.trim().split("\\s+")[0];
    }

    /**
     * One reading of the timer: events timed, their total seconds, the max of Micrometer's rolling window, and the
     * cumulative histogram (upper bound in seconds → events at most that late).
     */
    record Reading(long count, double sumSeconds, double maxSeconds, NavigableMap<Double, Long> buckets) {

        Reading {
            buckets = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(buckets));
        }

        /**
         * The bucket bound (seconds) that at least {@code fraction} of the events timed since {@code earlier} stay
         * within; null without buckets or events.
         */
        Double boundSince(Reading earlier, double fraction) {
            long events = count - earlier.count;
            if (events <= 0 || buckets.isEmpty()) {
                return null;
            }
            long needed = (long) Math.ceil(fraction * events);
            for (Map.Entry<Double, Long> bucket : buckets.entrySet()) {
                long within = bucket.getValue() - earlier.buckets.getOrDefault(bucket.getKey(), 0L);
                if (within >= needed) {
                    return bucket.getKey();
                }
            }
            return null;
        }
    }
}
