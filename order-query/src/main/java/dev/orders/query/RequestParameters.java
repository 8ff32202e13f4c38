package dev.orders.query;

import dev.orders.api.order.OrderStatus;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.web.server.ServerWebInputException;

/** Parses query-side request parameters; a malformed value is a 400 that says what was expected. */
final class RequestParameters {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final int MAX_AGGREGATE_ID = 255;

    private RequestParameters() {
    }

    static UUID orderId(String value) {
        try {
            UUID id = UUID.fromString(value);
            if (id.toString().equalsIgnoreCase(value)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ServerWebInputException("order id must be a UUID, got '" + value + "'");
    }

    /** Null when absent. */
    static OrderStatus status(String value) {
        if (isBlank(value)) {
            return null;
        }
        try {
            return OrderStatus.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ServerWebInputException("status must be one of " + Arrays.toString(OrderStatus.values())
                    + ", got '" + value + "'");
        }
    }

    /** ISO-8601 instant such as {@code 2026-01-31T12:00:00Z} (an offset other than Z is accepted); null when absent. */
    static Instant time(String name, String value) {
        if (isBlank(value)) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeException e) {
            try {
                return OffsetDateTime.parse(value.trim()).toInstant();
            } catch (DateTimeException again) {
                throw new ServerWebInputException(name + " must be an ISO-8601 timestamp such as "
                        + "2026-01-31T12:00:00Z, got '" + value + "'");
            }
        }
    }

    static int limit(String value) {
        if (isBlank(value)) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ServerWebInputException("limit must be a whole number from 1 to " + MAX_LIMIT + ", got '"
                + value + "'");
    }

    /** Null when absent. */
    static OrderCursor cursor(String value) {
        return isBlank(value) ? null : OrderCursor.decode(value.trim());
    }

    /** The SSE {@code Last-Event-ID} header; null when absent. */
    static Long lastEventId(String value) {
        if (isBlank(value)) {
            return null;
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ServerWebInputException("Last-Event-ID must be a non-negative number, got '" + value + "'");
    }

    /** A position in the event store (a non-negative whole number); null when absent. */
    static Long position(String name, String value) {
        if (isBlank(value)) {
            return null;
        }
        try {
            long position = Long.parseLong(value.trim());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ServerWebInputException(name + " must be a non-negative whole number (an event position), got '"
                + value + "'");
    }

    /** How many events an export may return at most (1 or more); null when unbounded. */
    static Long exportLimit(String value) {
        if (isBlank(value)) {
            return null;
        }
        try {
            long limit = Long.parseLong(value.trim());
            if (limit >= 1) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ServerWebInputException("limit must be a whole number of at least 1, got '" + value + "'");
    }

    /** Event types by simple name, each value repeated or comma-separated; empty when absent. */
    static Set<String> eventTypes(List<String> values) {
        Set<String> types = new TreeSet<>();
        if (values != null) {
            for (String value : values) {
                for (String name : value.split(",")) {
                    String type = name.trim();
                    if (type.isEmpty()) {
                        continue;
                    }
                    if (EventTypes.storedType(type) == null) {
                        throw new ServerWebInputException("type must be one of " + EventTypes.simpleNames()
                                + ", got '" + type + "'");
                    }
                    types.add(type);
                }
            }
        }
        return types;
    }

    /** An aggregate identifier as stored (an order or payment UUID, a SKU); null when absent. */
    static String aggregateId(String value) {
        if (isBlank(value)) {
            return null;
        }
        String id = value.trim();
        if (id.length() > MAX_AGGREGATE_ID) {
            throw new ServerWebInputException("aggregateId must be at most " + MAX_AGGREGATE_ID + " characters");
        }
        return id;
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
