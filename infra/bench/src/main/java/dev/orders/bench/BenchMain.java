package dev.orders.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import reactor.core.publisher.Hooks;

/** The benchmark harness: runs the chosen scenarios against a running Orders instance and reports. */
public final class BenchMain {

    static final int EXIT_OK = 0;
    static final int EXIT_VIOLATION = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_FAILED = 3;

    private BenchMain() {
    }

    public static void main(String[] args) {
        // The Kafka client logs through SLF4J, which the harness gives no backend: its messages are dropped on
        // purpose (what matters reaches the report), and so is SLF4J's notice that they are.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        quietAfterTheFirstRefusal();
        BenchOptions options;
        try {
            options = BenchOptions.parse(env, args);
        } catch (IllegalArgumentException e) {
            System.err.println("orders-bench: " + e.getMessage());
            System.err.println("Try --help.");
            return EXIT_USAGE;
        }
        if (options.help) {
            System.out.print(BenchOptions.helpText());
            return EXIT_OK;
        }
        Report report = new Report();
        String runId = Long.toString(System.currentTimeMillis() / 1000 % 100_000_000L, 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
        report.put("run", runInfo(options, runId));
        int exit = EXIT_OK;
        AccessRefused refusal = null;
        ResourceSampler resources = ResourceSampler.locate(ProcFs.system(), options.serverPid, options.url);
        EventStoreProbe probe = null;
        try {
            probe = EventStoreProbe.open(options.jdbcUrl, options.jdbcUser, options.jdbcPassword);
            report.put("database", probe.settings());
        } catch (Exception e) {
            report.put("database", Map.of("error", "no JDBC connection to " + options.jdbcUrl + ": " + e.getMessage()
                    + " (event rates, projection lag, pg-limit and the reservation check are skipped)"));
            probe = null;
        }
        BenchAccounts accounts = null;
        KafkaSampler kafka = null;
        String kafkaStatus = options.runs(BenchOptions.Scenario.ORDERS)
                ? (options.kafkaBootstrap == null ? options.kafkaAbsent : "not measured: the orders scenario did not end")
                : "not measured: the topic is sampled while the orders scenario runs";
        try (HttpApi api = new HttpApi(options.url, options.concurrency + 32, Duration.ofSeconds(60))) {
            List<PgLimitScenario.Level> pgLevels = List.of();
            if (options.runs(BenchOptions.Scenario.PG_LIMIT)) {
                if (probe == null) {
                    report.put("pgLimit", Map.of("status", "skipped: no JDBC connection"));
                } else {
                    progress("pg-limit: single-row INSERT transactions, " + options.pgConcurrency + " connections, "
                            + options.pgDuration.toMillis() / 1000.0 + " s each");
                    pgLevels = new PgLimitScenario(options.jdbcUrl, options.jdbcUser, options.jdbcPassword,
                            options.pgPayloadBytes).run(options.pgConcurrency, options.pgDuration.toNanos());
                    report.put("pgLimit", pgLimitFigures(options, pgLevels));
                }
            }
            if (options.callsTheApi()) {
                awaitServer(api, options);
                progress("logging in as the operator " + options.operator.email());
                accounts = BenchAccounts.open(api, options.operator, options.accountConcurrency);
            }
            OrdersScenario.Result orders = null;
            if (options.runs(BenchOptions.Scenario.ORDERS) || options.runs(BenchOptions.Scenario.SSE_FANOUT)) {
                List<String> skus = Catalogue.skus(options.skuPrefix, options.skus);
                progress("seeding " + skus.size() + " SKUs");
                report.put("seed", Catalogue.seed(api, accounts.operator(), skus, options.skuPrefix,
                        options.initialStock, Duration.ofMinutes(5)));
                if (options.runs(BenchOptions.Scenario.ORDERS)) {
                    progress("orders: registering and logging in " + options.customers + " customers");
                    List<TokenSession> customers = accounts.newCustomers(runId, "c", options.customers);
                    if (options.kafkaBootstrap != null) {
                        try {
                            kafka = openKafka(options, probe);
                        } catch (AdminTopicOffsets.NotAvailable e) {
                            kafkaStatus = "not measured: " + e.getMessage();
                            progress("kafka: " + kafkaStatus);
                        }
                    }
                    progress("orders: " + (options.rate > 0 ? options.rate + " orders/s" : "max throughput")
                            + ", warm-up " + options.warmup.toMillis() / 1000.0 + " s, measuring "
                            + options.duration.toMillis() / 1000.0 + " s");
                    orders = new OrdersScenario(options, api, accounts, customers, probe, kafka, resources, skus,
                            runId).run();
                    report.put("orders", orders.orders());
                    report.put("resources", orders.resources());
                    report.put("projectionLag", orders.projectionLag());
                    report.put("invariants", orders.invariants().figures());
                    if (orders.invariants().violations() > 0) {
                        exit = EXIT_VIOLATION;
                    }
                }
                if (options.runs(BenchOptions.Scenario.SSE_FANOUT)) {
                    int needed = SseFanoutScenario.customersNeeded(options);
                    progress("sse-fanout: registering and logging in " + needed + " customers");
                    List<TokenSession> customers = accounts.newCustomers(runId, "fan", needed);
                    progress("sse-fanout: " + options.subscribers + " subscribers on " + options.fanoutCustomers
                            + " customers, " + options.fanoutRate + " orders/s for " + options.duration.toMillis() / 1000.0
                            + " s");
                    report.put("sseFanout", new SseFanoutScenario(options, api, accounts, customers, resources, skus,
                            runId).run());
                }
            }
            if (options.runs(BenchOptions.Scenario.EXPORT)) {
                progress("export: GET /api/v1/events");
                report.put("export", ExportScenario.run(api, accounts.operator(), probe, options.exportQuery,
                        options.exportTimeout));
            }
            if (options.runs(BenchOptions.Scenario.REBUILD)) {
                progress("rebuild: order-view");
                report.put("rebuild", RebuildScenario.run(api, accounts.operator(), probe, options.rebuildQuery,
                        options.rebuildTimeout));
            }
            report.put("kafka", orders != null && orders.kafka() != null ? orders.kafka()
                    : Map.of("status", kafkaStatus));
            Map<String, Object> ratios = ratios(pgLevels, orders);
            if (!ratios.isEmpty()) {
                report.put("ratiosToPgLimit", ratios);
            }
        } catch (AccessRefused e) {
            refusal = e;
            report.put("error", e.getMessage());
            exit = EXIT_FAILED;
        } catch (Exception e) {
            report.put("error", e.toString());
            exit = EXIT_FAILED;
        } finally {
            if (accounts != null) {
                accounts.close();
                report.put("accounts", accounts.figures());
            }
            if (kafka != null) {
                kafka.close();
            }
            if (probe != null) {
                probe.close();
            }
        }
        System.out.println();
        System.out.print(report.table());
        try {
            report.writeJson(options.out);
            System.out.println("results written to " + options.out.toAbsolutePath());
        } catch (Exception e) {
            System.err.println("orders-bench: could not write " + options.out + ": " + e);
            exit = exit == EXIT_OK ? EXIT_FAILED : exit;
        }
        if (exit == EXIT_VIOLATION) {
            System.err.println("orders-bench: invariant violations, see 'invariants' above");
        }
        if (refusal != null) {
            // Last, so that it is the line a reader sees: the run stopped and this says what to change.
            System.err.println("orders-bench: " + refusal.getMessage());
        }
        return exit;
    }

    /**
     * Concurrent requests refused at once all fail; the first stops the run and is reported, the others arrive after
     * their stream ended and would otherwise each print a stack trace that says nothing new.
     */
    private static void quietAfterTheFirstRefusal() {
        Hooks.onErrorDropped(error -> {
            if (!(error instanceof AccessRefused)) {
                System.err.println("orders-bench: an error after its request was abandoned: " + error);
            }
        });
    }

    /** Our throughput divided by what the same database does with bare single-row inserts. */
    static Map<String, Object> ratios(List<PgLimitScenario.Level> levels, OrdersScenario.Result orders) {
        Map<String, Object> ratios = new LinkedHashMap<>();
        if (levels.isEmpty() || orders == null) {
            return ratios;
        }
        PgLimitScenario.Level single = levels.stream().min((a, b) -> Integer.compare(a.connections(), b.connections()))
                .orElseThrow();
        PgLimitScenario.Level best = levels.stream()
                .max((a, b) -> Double.compare(a.insertsPerSecond(), b.insertsPerSecond())).orElseThrow();
        ratios.put("pgInsertsPerSecondAt" + single.connections() + "Connection" + (single.connections() == 1 ? "" : "s"),
                single.insertsPerSecond());
        ratios.put("pgInsertsPerSecondBest", best.insertsPerSecond() + " (" + best.connections() + " connections)");
        if (orders.eventsPerSecond() != null) {
            ratios.put("eventsAppendedPerSecond / pg single-connection", ratio(orders.eventsPerSecond(), single));
            ratios.put("eventsAppendedPerSecond / pg best", ratio(orders.eventsPerSecond(), best));
        }
        ratios.put("acceptedOrdersPerSecond / pg single-connection", ratio(orders.acceptedPerSecond(), single));
        ratios.put("confirmedOrdersPerSecond / pg single-connection", ratio(orders.confirmedPerSecond(), single));
        ratios.put("confirmedOrdersPerSecond / pg best", ratio(orders.confirmedPerSecond(), best));
        if (orders.kafkaRecordsPerSecond() != null) {
            ratios.put("kafkaRecordsPerSecond / pg single-connection",
                    ratio(orders.kafkaRecordsPerSecond(), single));
        }
        return ratios;
    }

    private static double ratio(double value, PgLimitScenario.Level level) {
        if (level.insertsPerSecond() <= 0) {
            return 0;
        }
        return new java.math.BigDecimal(value / level.insertsPerSecond())
                .round(new java.math.MathContext(4)).doubleValue();
    }

    /** The sampler of the integration topic; fails, saying why for the report, when no broker answers. */
    private static KafkaSampler openKafka(BenchOptions options, EventStoreProbe probe)
            throws AdminTopicOffsets.NotAvailable {
        progress("kafka: looking for " + options.kafkaTopic + " at " + options.kafkaBootstrap);
        TopicOffsets offsets = AdminTopicOffsets.connect(options.kafkaBootstrap, options.kafkaTopic,
                options.kafkaGroup, Duration.ofSeconds(3));
        return new KafkaSampler(offsets, options.kafkaBootstrap, options.kafkaTopic, options.kafkaGroup,
                probe == null ? null : KafkaSampler.Events.of(probe),
                options.metricsUrl == null ? null : new PublishLagMetric(options.metricsUrl), System::nanoTime);
    }

    private static Map<String, Object> pgLimitFigures(BenchOptions options, List<PgLimitScenario.Level> levels) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("what", "autocommit single-row INSERTs of an event-shaped row (" + options.pgPayloadBytes
                + " B bytea payload, 3 unique indexes) into " + PgLimitScenario.TABLE);
        for (PgLimitScenario.Level level : levels) {
            figures.put(level.connections() + (level.connections() == 1 ? " connection" : " connections"),
                    level.toMap());
        }
        return figures;
    }

    private static void awaitServer(HttpApi api, BenchOptions options) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpApi.Response response = api.get("/actuator/health/readiness", null).block(Duration.ofSeconds(5));
                if (response != null && response.status() == 200) {
                    return;
                }
                last = response == null ? "no answer" : "HTTP " + response.status();
                if (response != null && response.status() == 404) {
                    return; // no actuator: the API calls that follow will tell
                }
            } catch (RuntimeException e) {
                last = e.getMessage();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Orders at " + options.url + " is not ready: " + last);
    }

    private static Map<String, Object> runInfo(BenchOptions options, String runId) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("runId", runId);
        run.put("startedAt", Instant.now().toString());
        run.put("url", options.url.toString());
        run.put("scenarios", options.scenarios.stream().map(s -> s.flagValue).toList());
        run.put("rate", options.rate > 0 ? options.rate : "max (closed loop)");
        run.put("concurrency", options.concurrency);
        run.put("duration", options.duration.toMillis() / 1000.0 + " s");
        run.put("warmup", options.warmup.toMillis() / 1000.0 + " s");
        run.put("cores", Runtime.getRuntime().availableProcessors());
        run.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        run.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        run.put("benchClientSharesMachine", "the harness's own CPU use is under resources.benchClientCpuCores");
        return run;
    }

    private static void progress(String message) {
        System.err.println(String.format(Locale.ROOT, "[bench %tT] %s", java.time.LocalTime.now(), message));
    }
}
