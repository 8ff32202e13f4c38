package dev.orders.notification;

import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * {@code notification.notification_log}: one row per (event id, channel), which is both what the log endpoint shows
 * and what keeps a redelivered event from being sent twice. A delivery first claims its row; checking for an earlier
 * delivery and writing the row is one statement, so two consumers that got the same event cannot both send it.
 * The consumer's calls block (JDBC, on the JDBC scheduler); the HTTP side reads with R2DBC.
 */
@ConditionalOnRole(InstanceRole.NOTIFICATION)
@Component
class NotificationLog {

    private static final String SENDING = "SENDING";

    /**
     * Inserts the row, or takes over one whose earlier delivery failed or whose claim ran out (its consumer died);
     * returns nothing when the event was delivered (or skipped) already or is being delivered right now.
     */
    private static final String BEGIN = """
            INSERT INTO notification.notification_log AS log
                (event_id, channel, order_id, customer_id, event_type, recipient, status, attempts, detail,
                 claimed_until, created_at, updated_at)
            VALUES (:eventId, :channel, :orderId, :customerId, :eventType, :recipient, :status, 0, :detail,
                    CASE WHEN :status = 'SENDING' THEN now() + make_interval(secs => :leaseSeconds) END, now(), now())
            ON CONFLICT (event_id, channel) DO UPDATE SET
                recipient = EXCLUDED.recipient, status = EXCLUDED.status, detail = EXCLUDED.detail,
                claimed_until = EXCLUDED.claimed_until, updated_at = EXCLUDED.updated_at
            WHERE log.status = 'FAILED' OR (log.status = 'SENDING' AND log.claimed_until < now())
            RETURNING id
            """;

    private static final String STATUS = """
            SELECT status FROM notification.notification_log WHERE event_id = :eventId AND channel = :channel
            """;

    private static final String FINISH = """
            UPDATE notification.notification_log
               SET status = :status, attempts = attempts + :attempts, detail = :detail, claimed_until = NULL,
                   updated_at = now()
             WHERE id = :id AND status = 'SENDING'
            """;

    private static final String RELEASE = """
            UPDATE notification.notification_log SET claimed_until = now(), updated_at = now()
             WHERE id = :id AND status = 'SENDING'
            """;

    private static final String BY_ORDER = """
            SELECT id, order_id, customer_id, event_id, event_type, channel, recipient, status, attempts, detail,
                   created_at
              FROM notification.notification_log
             WHERE order_id = :orderId AND status <> 'SENDING'
             ORDER BY id
            """;

    private static final int MAX_DETAIL = 1000;

    private final NamedParameterJdbcTemplate jdbc;
    private final DatabaseClient database;

    NotificationLog(NamedParameterJdbcTemplate jdbc, DatabaseClient database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    /** Claims the (event, channel) for sending, holding the claim for {@code lease}. */
    Claim claim(OrderNotice notice, Channel channel, String recipient, Duration lease) {
        return begin(notice, channel, recipient, SENDING, null, lease);
    }

    /** Records that there is nothing to send on the channel, unless that was settled before. */
    Claim skip(OrderNotice notice, Channel channel, String detail) {
        return begin(notice, channel, null, DeliveryStatus.SKIPPED.name(), detail, Duration.ZERO);
    }

    /** Settles a claimed row. */
    void finish(long id, DeliveryStatus status, int attempts, String detail) {
        jdbc.update(FINISH, new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("status", status.name())
                .addValue("attempts", attempts)
                .addValue("detail", truncate(detail)));
    }

    /** Gives a claim up (e.g. on shutdown mid-send), so a redelivery need not wait for the lease to run out. */
    void release(long id) {
        jdbc.update(RELEASE, Map.of("id", id));
    }

    /**
     * In the order the rows were claimed. Not by {@code created_at}: that is each transaction's start, and the
     * channels of one event claim their rows concurrently, so it can disagree with the order of insertion.
     */
    Flux<NotificationLogEntry> findByOrder(UUID orderId) {
        return database.sql(BY_ORDER)
                .bind("orderId", orderId)
                .map(NotificationLog::entry)
                .all();
    }

    private Claim begin(OrderNotice notice, Channel channel, String recipient, String status, String detail,
                        Duration lease) {
        List<Long> ids = jdbc.queryForList(BEGIN, new MapSqlParameterSource()
                .addValue("eventId", notice.eventId())
                .addValue("channel", channel.name())
                .addValue("orderId", notice.orderId())
                .addValue("customerId", notice.customerId())
                .addValue("eventType", notice.eventType())
                .addValue("recipient", recipient)
                .addValue("status", status)
                .addValue("detail", truncate(detail))
                .addValue("leaseSeconds", lease.toMillis() / 1000.0), Long.class);
        if (!ids.isEmpty()) {
            return new Claim.Claimed(ids.get(0));
        }
        List<String> existing = jdbc.queryForList(STATUS,
                Map.of("eventId", notice.eventId(), "channel", channel.name()), String.class);
        if (existing.isEmpty() || existing.get(0).equals(SENDING) || existing.get(0).equals("FAILED")) {
            // Someone else holds the claim, or just gave it up: look again shortly.
            return new Claim.Busy();
        }
        return new Claim.Settled(DeliveryStatus.valueOf(existing.get(0)));
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }

    private static NotificationLogEntry entry(Readable row) {
        return new NotificationLogEntry(row.get("id", Long.class), row.get("order_id", UUID.class),
                row.get("customer_id", String.class), row.get("event_id", String.class),
                row.get("event_type", String.class), Channel.valueOf(row.get("channel", String.class)),
                row.get("recipient", String.class), DeliveryStatus.valueOf(row.get("status", String.class)),
                row.get("attempts", Integer.class), row.get("detail", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }

    /** The outcome of trying to begin a delivery. */
    sealed interface Claim {

        /** This consumer owns row {@code id} and sends (or has recorded a skip). */
        record Claimed(long id) implements Claim {
        }

        /** Delivered or skipped before: nothing to do. */
        record Settled(DeliveryStatus status) implements Claim {
        }

        /** Another consumer is delivering the same event right now. */
        record Busy() implements Claim {
        }
    }
}
