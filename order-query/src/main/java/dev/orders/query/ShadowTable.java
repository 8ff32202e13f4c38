package dev.orders.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A copy of a live table that a rebuild fills while the live one keeps answering, and the swap that puts the copy in
 * its place: two renames in one short transaction, so readers see either the old table or the new one. The copy's
 * indexes then get the live indexes' names back, so later migrations find them.
 */
final class ShadowTable {

    private static final String SUFFIX_SHADOW = "_rebuild";
    private static final String SUFFIX_RETIRED = "_retired";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String schema;
    private final String live;

    /** {@code table} is schema-qualified: {@code order_query.orders}. */
    ShadowTable(JdbcTemplate jdbc, TransactionTemplate transaction, String table) {
        int dot = table.indexOf('.');
        if (dot < 1 || !table.matches("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("expected schema.table in lower case, got " + table);
        }
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.schema = table.substring(0, dot);
        this.live = table.substring(dot + 1);
    }

    /** The copy, schema-qualified. */
    String name() {
        return schema + "." + live + SUFFIX_SHADOW;
    }

    /** An empty copy with the live table's columns, defaults, constraints and indexes; a leftover copy is dropped. */
    void create() {
        drop();
        jdbc.execute("CREATE TABLE " + name() + " (LIKE " + schema + "." + live + " INCLUDING ALL)");
    }

    void drop() {
        jdbc.execute("DROP TABLE IF EXISTS " + name());
    }

    /** Fresh planner statistics, so the first queries after the swap plan as well as before it. */
    void analyze() {
        jdbc.execute("ANALYZE " + name());
    }

    /**
     * Puts the copy in the live table's place and drops the old table. Waits at most {@code lockTimeout} for readers
     * of the live table to finish (new readers queue behind the swap meanwhile), then fails rather than stall them.
     */
    void swap(Duration lockTimeout) {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL lock_timeout = '" + lockTimeout.toMillis() + "ms'");
            Map<String, String> names = indexNames();
            jdbc.execute("ALTER TABLE " + schema + "." + live + " RENAME TO " + live + SUFFIX_RETIRED);
            jdbc.execute("ALTER TABLE " + name() + " RENAME TO " + live);
            jdbc.execute("DROP TABLE " + schema + "." + live + SUFFIX_RETIRED);
            names.forEach((copy, original) -> jdbc.execute(
                    "ALTER INDEX " + schema + "." + quote(copy) + " RENAME TO " + quote(original)));
        });
    }

    /** Each copy index by name, with the name of the live index it copies (same definition but for the names). */
    private Map<String, String> indexNames() {
        Map<String, List<String>> liveByDefinition = new LinkedHashMap<>();
        indexes(live).forEach((name, definition) ->
                liveByDefinition.computeIfAbsent(definition, d -> new ArrayList<>()).add(name));
        Map<String, String> names = new LinkedHashMap<>();
        indexes(live + SUFFIX_SHADOW).forEach((name, definition) -> {
            List<String> candidates = liveByDefinition.get(definition);
            if (candidates != null && !candidates.isEmpty()) {
                names.put(name, candidates.remove(0));
            }
        });
        return names;
    }

    /** Index name to its definition with the index and table names taken out. */
    private Map<String, String> indexes(String table) {
        Map<String, String> indexes = new LinkedHashMap<>();
        jdbc.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = ? AND tablename = ? "
                        + "ORDER BY indexname",
                row -> {
                    indexes.put(row.getString("indexname"), row.getString("indexdef")
                            .replaceFirst("INDEX \\S+ ON \\S+", "INDEX ON"));
                }, schema, table);
        return indexes;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
