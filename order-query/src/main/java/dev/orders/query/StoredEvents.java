package dev.orders.query;

import dev.orders.platform.axon.ConditionalOnJdbcEventStore;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.common.DateTimeUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the event store's table over the non-blocking pool, by global position. Read-only: Axon alone writes it.
 * Every read is one short statement, so a long export never holds a connection between pages.
 */
@ConditionalOnRole(InstanceRole.QUERY)
@ConditionalOnJdbcEventStore
@Component
final class StoredEvents {

    private static final String COLUMNS = "globalindex, eventidentifier, payloadtype, type, aggregateidentifier, "
            + "sequencenumber, \"timestamp\", payload";

    private final DatabaseClient client;

    StoredEvents(DatabaseClient client) {
        this.client = client;
    }

    /** The highest position written so far, 0 when the store is empty. */
    Mono<Long> head() {
        return client.sql("SELECT COALESCE(MAX(globalindex), 0) AS head FROM axon.domainevententry")
                .map((row, metadata) -> row.get("head", Long.class))
                .one();
    }

    /**
     * At most {@code limit} matching events with a position above {@code after} and at most {@code upTo}, in
     * position order. The filter's own {@code after}, {@code until} and {@code limit} are the caller's business.
     */
    Flux<StoredEvent> page(EventFilter filter, long after, long upTo, long limit) {
        Query query = new Query(filter);
        query.sql.append(" AND globalindex > :after AND globalindex <= :upTo ORDER BY globalindex LIMIT :limit");
        query.values.put("after", after);
        query.values.put("upTo", upTo);
        query.values.put("limit", limit);
        return query.spec(client, "SELECT " + COLUMNS + " FROM axon.domainevententry WHERE TRUE")
                .map((row, metadata) -> new StoredEvent(row.get("globalindex", Long.class),
                        row.get("eventidentifier", String.class), row.get("payloadtype", String.class),
                        row.get("type", String.class), row.get("aggregateidentifier", String.class),
                        row.get("sequencenumber", Long.class), row.get("timestamp", String.class),
                        row.get("payload", byte[].class)))
                .all();
    }

    /** Count and bounds of everything the filter selects, including its position range and limit. */
    Mono<EventStats> stats(EventFilter filter) {
        Query query = new Query(filter);
        if (filter.after() != null) {
            query.sql.append(" AND globalindex > :after");
            query.values.put("after", filter.after());
        }
        if (filter.until() != null) {
            query.sql.append(" AND globalindex <= :until");
            query.values.put("until", filter.until());
        }
        query.sql.append(" ORDER BY globalindex");
        if (filter.limit() != null) {
            query.sql.append(" LIMIT :limit");
            query.values.put("limit", filter.limit());
        }
        query.sql.append(") matched");
        return query.spec(client, "SELECT COUNT(*) AS count, MIN(globalindex) AS first, MAX(globalindex) AS last "
                        + "FROM (SELECT globalindex FROM axon.domainevententry WHERE TRUE")
                .map((row, metadata) -> new EventStats(row.get("count", Long.class), row.get("first", Long.class),
                        row.get("last", Long.class)))
                .one();
    }

    /** The conditions a filter puts on the rows, apart from positions and limit. */
    private static final class Query {

        final StringBuilder sql = new StringBuilder();
        final Map<String, Object> values = new LinkedHashMap<>();

        Query(EventFilter filter) {
            if (!filter.types().isEmpty()) {
                sql.append(" AND payloadtype = ANY(:types)");
                values.put("types", filter.types().stream().map(EventTypes::storedType).toArray(String[]::new));
            }
            if (filter.aggregateId() != null) {
                sql.append(" AND aggregateidentifier = :aggregateId");
                values.put("aggregateId", filter.aggregateId());
            }
            // Axon writes fixed-width UTC text with milliseconds, so byte order is time order, and rounding a bound
            // up to the next millisecond keeps "from" inclusive and "to" exclusive exact.
            if (filter.from() != null) {
                sql.append(" AND \"timestamp\" COLLATE \"C\" >= :from");
                values.put("from", storedTime(filter.from()));
            }
            if (filter.to() != null) {
                sql.append(" AND \"timestamp\" COLLATE \"C\" < :to");
                values.put("to", storedTime(filter.to()));
            }
        }

        DatabaseClient.GenericExecuteSpec spec(DatabaseClient client, String prefix) {
            DatabaseClient.GenericExecuteSpec spec = client.sql(prefix + sql);
            for (Map.Entry<String, Object> value : values.entrySet()) {
                spec = spec.bind(value.getKey(), value.getValue());
            }
            return spec;
        }
    }

    /** The instant as Axon stores it, rounded up to the next whole millisecond. */
    static String storedTime(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        return DateTimeUtils.formatInstant(millis.equals(instant) ? millis : millis.plusMillis(1));
    }
}
