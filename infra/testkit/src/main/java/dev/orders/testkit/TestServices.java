package dev.orders.testkit;

import java.util.Locale;

/**
 * The one switch that decides where the services tests share (PostgreSQL, Kafka) run: {@code ORDERS_TEST_SERVICES}
 * or system property {@code orders.test.services}. {@code auto} (default) uses Testcontainers when a Docker engine
 * answers and embedded servers otherwise; {@code embedded} and {@code testcontainers} force one.
 */
public final class TestServices {

    /** Where the shared test services run. */
    public enum Mode { AUTO, EMBEDDED, TESTCONTAINERS }

    private static Boolean containers;

    private TestServices() {
    }

    /** The configured mode; an unknown value fails rather than silently choosing one. */
    public static Mode mode() {
        String value = System.getProperty("orders.test.services", System.getenv("ORDERS_TEST_SERVICES"));
        if (value == null || value.isBlank()) {
            return Mode.AUTO;
        }
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ORDERS_TEST_SERVICES must be auto, embedded or testcontainers, not '"
                    + value + "'", e);
        }
    }

    /** Whether the shared services run in containers; asks Docker at most once per JVM. */
    public static synchronized boolean useContainers() {
        if (containers == null) {
            containers = switch (mode()) {
                case TESTCONTAINERS -> true;
                case EMBEDDED -> false;
                case AUTO -> DockerProbe.dockerAvailable();
            };
        }
        return containers;
    }
}
