package dev.orders.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The machine's own PostgreSQL append limit on the same database: single-row INSERT transactions (autocommit)
 * of an event-sized row into a table shaped like the event store (bigserial key, unique (aggregate, sequence),
 * unique event id), from N connections at once. Everything lives in the scratch schema {@code bench}, which
 * the harness creates and drops.
 */
final class PgLimitScenario {

    static final String SCHEMA = "bench";
    static final String TABLE = SCHEMA + ".append_probe";

    private final String url;
    private final String user;
    private final String password;
    private final int payloadBytes;

    PgLimitScenario(String url, String user, String password, int payloadBytes) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.payloadBytes = payloadBytes;
    }

    /** One level: connections, inserts/s and the per-insert latency. */
    record Level(int connections, long inserts, double seconds, double insertsPerSecond,
                 LatencyStats.Summary latency) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("connections", connections);
            map.put("inserts", inserts);
            map.put("seconds", seconds);
            map.put("insertsPerSecond", insertsPerSecond);
            map.put("insertLatency", latency.toMap());
            return map;
        }
    }

    List<Level> run(List<Integer> concurrencyLevels, long nanosPerLevel) throws SQLException, InterruptedException {
        createScratchTable();
        try {
            List<Level> levels = new ArrayList<>();
            for (int connections : concurrencyLevels) {
                levels.add(runLevel(connections, nanosPerLevel));
                truncate();
            }
            return levels;
        } finally {
            dropScratchTable();
        }
    }

    private Level runLevel(int connections, long nanos) throws SQLException, InterruptedException {
        LongAdder inserts = new LongAdder();
        LatencyStats latency = new LatencyStats();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                Connection connection = DriverManager.getConnection(url, user, password);
                connection.setAutoCommit(true);
                open.add(connection);
            }
            // Short warm-up on every connection so the first, slower statements do not count.
            CountDownLatch started = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            long[] window = new long[2];
            for (int i = 0; i < connections; i++) {
                Connection connection = open.get(i);
                long seed = 31L * i + 7;
                Thread thread = new Thread(() -> {
                    try (PreparedStatement insert = connection.prepareStatement(insertSql())) {
                        SplittableRandom random = new SplittableRandom(seed);
                        byte[] payload = new byte[payloadBytes];
                        for (int w = 0; w < 20; w++) {
                            insertOne(insert, random, payload);
                        }
                        started.await();
                        while (System.nanoTime() < window[1]) {
                            long before = System.nanoTime();
                            insertOne(insert, random, payload);
                            long after = System.nanoTime();
                            if (after <= window[1]) {
                                inserts.increment();
                                latency.recordNanos(after - before);
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "bench-pg-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
            Thread.sleep(300);
            window[0] = System.nanoTime();
            window[1] = window[0] + nanos;
            started.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            if (failure.get() != null) {
                throw new SQLException("insert loop failed: " + failure.get(), failure.get());
            }
            double seconds = nanos / 1e9;
            return new Level(connections, inserts.sum(), seconds, Math.round(inserts.sum() / seconds * 10) / 10.0,
                    latency.summary());
        } finally {
            for (Connection connection : open) {
                connection.close();
            }
        }
    }

    private static void insertOne(PreparedStatement insert, SplittableRandom random, byte[] payload)
            throws SQLException {
        random.nextBytes(payload);
        insert.setString(1, new UUID(random.nextLong(), random.nextLong()).toString());
        insert.setLong(2, 0);
        insert.setString(3, new UUID(random.nextLong(), random.nextLong()).toString());
        insert.setBytes(4, payload);
        insert.setBytes(5, "{\"traceId\":\"bench\",\"correlationId\":\"bench\"}".getBytes(StandardCharsets.UTF_8));
        insert.setString(6, Instant.now().toString());
        insert.executeUpdate();
    }

    private static String insertSql() {
        return "insert into " + TABLE + " (aggregateidentifier, sequencenumber, type, eventidentifier, payload,"
                + " metadata, payloadtype, timestamp) values (?, ?, 'Probe', ?, ?, ?, 'dev.orders.bench.ProbeEvent', ?)";
    }

    private void createScratchTable() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("create schema if not exists " + SCHEMA);
            statement.execute("drop table if exists " + TABLE);
            // The shape of axon.domainevententry, with its three unique indexes.
            statement.execute("create table " + TABLE + " ("
                    + " globalindex bigserial not null primary key,"
                    + " aggregateidentifier varchar(255) not null,"
                    + " sequencenumber bigint not null,"
                    + " type varchar(255),"
                    + " eventidentifier varchar(255) not null,"
                    + " metadata bytea,"
                    + " payload bytea not null,"
                    + " payloadrevision varchar(255),"
                    + " payloadtype varchar(255) not null,"
                    + " timestamp varchar(255) not null,"
                    + " unique (aggregateidentifier, sequencenumber),"
                    + " unique (eventidentifier))");
        }
    }

    private void truncate() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("truncate " + TABLE);
        }
    }

    private void dropScratchTable() {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
            // Not cascade: a schema someone else filled is left alone.
            statement.execute("drop schema if exists " + SCHEMA);
        } catch (SQLException e) {
            System.err.println("warning: could not drop the scratch schema " + SCHEMA + ": " + e.getMessage());
        }
    }
}
