package dev.orders.query;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the event store in global order for a rebuild, over blocking JDBC (a rebuild runs on a thread of its own),
 * only the payload types the rebuilt projection handles, deserialized as the live processor would see them.
 */
final class EventReplay {

    private final JdbcTemplate jdbc;
    private final Supplier<Serializer> serializer;

    /** The serializer is looked up on first use: Axon's configuration is complete only once the context is. */
    EventReplay(JdbcTemplate jdbc, Supplier<Serializer> serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The highest position written so far, 0 when the store is empty. */
    long head() {
        Long head = jdbc.queryForObject("SELECT COALESCE(MAX(globalindex), 0) FROM axon.domainevententry",
                Long.class);
        return head == null ? 0 : head;
    }

    /** At most {@code limit} events of the given payload types above {@code after} and at most {@code upTo}. */
    List<ReplayedEvent> page(Collection<String> payloadTypes, long after, long upTo, int limit) {
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT globalindex, aggregateidentifier, sequencenumber, "
                    + "\"timestamp\", payloadtype, payloadrevision, payload FROM axon.domainevententry "
                    + "WHERE globalindex > ? AND globalindex <= ? AND payloadtype = ANY(?) "
                    + "ORDER BY globalindex LIMIT ?");
            statement.setLong(1, after);
            statement.setLong(2, upTo);
            statement.setArray(3, connection.createArrayOf("varchar", payloadTypes.toArray()));
            statement.setInt(4, limit);
            return statement;
        }, (row, rowNumber) -> new ReplayedEvent(
                row.getLong("globalindex"),
                row.getString("aggregateidentifier"),
                row.getLong("sequencenumber"),
                DateTimeUtils.parseInstant(row.getString("timestamp")),
                serializer.get().deserialize(new SimpleSerializedObject<>(row.getBytes("payload"), byte[].class,
                        row.getString("payloadtype"), row.getString("payloadrevision")))));
    }
}
