package dev.orders.query;

import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** A read model that can be rebuilt into a copy of its table: which events it needs and how a page of them folds. */
interface RebuildTarget {

    /** The processing group of its live projection, which is also its name in the admin API. */
    String name();

    /** The live table, schema-qualified. */
    String table();

    /** The stored payload types its projection handles. */
    Set<String> payloadTypes();

    /**
     * Folds a page of events, in global order, into {@code table} (a copy of the live table) with exactly the live
     * projection's rules; the page's rows are written in one go.
     */
    void apply(NamedParameterJdbcTemplate jdbc, String table, List<ReplayedEvent> events);
}
