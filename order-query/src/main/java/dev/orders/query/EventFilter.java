package dev.orders.query;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.web.server.ServerWebInputException;

/**
 * Which stored events an export wants. Every part is optional: positions {@code after} (exclusive) and {@code until}
 * (inclusive), times {@code from} (inclusive) and {@code to} (exclusive), event types by simple name, one aggregate,
 * and at most {@code limit} events.
 */
record EventFilter(Long after, Long until, Instant from, Instant to, Set<String> types, String aggregateId,
                   Long limit) {

    EventFilter {
        types = Set.copyOf(types);
    }

    /** Parses request parameters; anything malformed is a 400 that says what was expected. */
    static EventFilter parse(String after, String until, String from, String to, List<String> types,
                             String aggregateId, String limit) {
        Long afterPosition = RequestParameters.position("after", after);
        Long untilPosition = RequestParameters.position("until", until);
        if (afterPosition != null && untilPosition != null && untilPosition <= afterPosition) {
            throw new ServerWebInputException("until must be greater than after");
        }
        Instant fromTime = RequestParameters.time("from", from);
        Instant toTime = RequestParameters.time("to", to);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw new ServerWebInputException("from must be before to");
        }
        return new EventFilter(afterPosition, untilPosition, fromTime, toTime, RequestParameters.eventTypes(types),
                RequestParameters.aggregateId(aggregateId), RequestParameters.exportLimit(limit));
    }
}
