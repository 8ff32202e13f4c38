package dev.orders.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of the harness: every flag, its default and its meaning live in {@link Flag}. The operator's
 * credentials come from the environment ({@link Credentials#OPS_EMAIL_ENV}, {@link Credentials#OPS_PASSWORD_ENV}),
 * never from flags: other users of the machine can read a process's arguments.
 */
public final class BenchOptions {

    /** What the harness can measure; {@code all} selects every one. */
    public enum Scenario {
        ORDERS("orders"), SSE_FANOUT("sse-fanout"), PG_LIMIT("pg-limit"), EXPORT("export"), REBUILD("rebuild");

        final String flagValue;

        Scenario(String flagValue) {
            this.flagValue = flagValue;
        }

        static Scenario of(String value) {
            for (Scenario scenario : values()) {
                if (scenario.flagValue.equals(value)) {
                    return scenario;
                }
            }
            throw new IllegalArgumentException("unknown scenario '" + value
                    + "' (orders, sse-fanout, pg-limit, export, rebuild, all)");
        }
    }

    /** Every flag the harness knows, with its default ("" = none) and its one-line help. */
    enum Flag {
        URL("url", "http://localhost:8080", "base URL of the running Orders instance"),
        SCENARIO("scenario", "orders",
                "comma-separated: orders, sse-fanout, pg-limit, export, rebuild, or all (orders includes pg-limit)"),
        DURATION("duration", "60s", "measured load time per load scenario (e.g. 500ms, 30s, 2m, 1m30s, PT45S)"),
        WARMUP("warmup", "10s", "load before measuring starts, at the same rate; its orders are checked but not counted"),
        RATE("rate", "200", "target orders/s, open model (arrivals do not wait for answers); 0 = max throughput "
                + "with --concurrency clients in a closed loop"),
        CONCURRENCY("concurrency", "256", "max POSTs in flight (and HTTP connections); in the open model arrivals "
                + "beyond it queue in the client and count in the scheduled latency"),
        CUSTOMERS("customers", "100", "simulated customers: accounts registered for this run (unique e-mail addresses) "
                + "and logged in, each followed over its own SSE stream"),
        ACCOUNT_CONCURRENCY("account-concurrency", "8", "registrations, logins and token refreshes in flight at once "
                + "(the instance hashes each password with bcrypt)"),
        SKUS("skus", "1000", "SKUs to seed (POST /api/v1/products; existing ones are kept and topped up)"),
        SKU_PREFIX("sku-prefix", "BENCH-", "prefix of the seeded SKUs"),
        INITIAL_STOCK("initial-stock", "1000000", "stock of each seeded SKU (max 1000000)"),
        ZIPF_EXPONENT("zipf-exponent", "1.0", "skew of SKU popularity: rank k is chosen with weight 1/k^s (0 = uniform)"),
        MAX_LINES("max-lines", "5", "lines per order are uniform in 1..max-lines (distinct SKUs)"),
        MAX_QUANTITY("max-quantity", "3", "quantity per line is uniform in 1..max-quantity"),
        PAYMENT_MIX("payment-mix", "tok_approve=0.9,tok_decline=0.1",
                "payment tokens with weights (simulator cards: tok_approve, tok_decline, tok_slow, tok_flaky)"),
        GRACE("grace", "60s", "after the load: how long every placed order may take to settle before it is a violation"),
        SUBSCRIBERS("subscribers", "1000", "sse-fanout: concurrent SSE subscribers"),
        FANOUT_CUSTOMERS("fanout-customers", "5", "sse-fanout: customers whose streams the subscribers share"),
        FANOUT_RATE("fanout-rate", "20", "sse-fanout: orders/s placed for those customers"),
        JDBC_URL("jdbc-url", "jdbc:postgresql://localhost:54329/postgres",
                "the Orders database (read-only use, plus the scratch schema 'bench' of pg-limit)"),
        JDBC_USER("jdbc-user", "postgres", "database user"),
        JDBC_PASSWORD("jdbc-password", "", "database password"),
        PG_DURATION("pg-duration", "5s", "pg-limit: time per concurrency level"),
        PG_CONCURRENCY("pg-concurrency", "1,8", "pg-limit: connections inserting at once, one run per value"),
        PG_PAYLOAD_BYTES("pg-payload-bytes", "400", "pg-limit: payload size of each inserted event-like row"),
        KAFKA_BOOTSTRAP("kafka-bootstrap", "auto", "Kafka brokers (host:port,...) for the topic's publish rate and "
                + "consumer lag; auto = localhost:9092 when --url is local (the embedded default's broker, moved by "
                + "the server's ORDERS_EMBEDDED_KAFKA_PORT), none = do not measure"),
        KAFKA_TOPIC("kafka-topic", "orders.events.v1", "the integration event topic"),
        KAFKA_GROUP("kafka-group", "orders-notifications", "consumer group whose lag is reported (the notification "
                + "handler's)"),
        METRICS_URL("metrics-url", "", "management base URL of the instance (e.g. http://localhost:8081 when it runs "
                + "with MANAGEMENT_SERVER_PORT=8081): orders_kafka_publish_lag_seconds is read from /actuator/prometheus"),
        SERVER_PID("server-pid", "", "pid of the server for CPU and RSS (default: the process whose command line "
                + "holds orders.jar; only when the server runs on this machine)"),
        EXPORT_QUERY("export-query", "", "export: query string appended to GET /api/v1/events (e.g. type=OrderPlaced)"),
        EXPORT_TIMEOUT("export-timeout", "10m", "export: give up after this long"),
        REBUILD_QUERY("rebuild-query", "", "rebuild: query string of the rebuild request (e.g. pageSize=500)"),
        REBUILD_TIMEOUT("rebuild-timeout", "10m", "rebuild: give up waiting for state DONE after this long"),
        SEED("seed", "42", "random seed of the generated load"),
        OUT("out", "bench-results.json", "where the JSON results go"),
        HELP("help", "", "print this help and exit");

        final String name;
        final String defaultValue;
        final String help;

        Flag(String name, String defaultValue, String help) {
            this.name = name;
            this.defaultValue = defaultValue;
            this.help = help;
        }
    }

    final URI url;
    final Set<Scenario> scenarios;
    final Duration duration;
    final Duration warmup;
    final double rate;
    final int concurrency;
    final int customers;
    final int accountConcurrency;
    final int skus;
    final String skuPrefix;
    final int initialStock;
    final double zipfExponent;
    final int maxLines;
    final int maxQuantity;
    final Map<String, Double> paymentMix;
    final Duration grace;
    final int subscribers;
    final int fanoutCustomers;
    final double fanoutRate;
    final String jdbcUrl;
    final String jdbcUser;
    final String jdbcPassword;
    final Duration pgDuration;
    final List<Integer> pgConcurrency;
    final int pgPayloadBytes;
    final OptionalLong serverPid;
    /** The brokers to measure Kafka on; null when there are none to ask ({@link #kafkaAbsent} says why). */
    final String kafkaBootstrap;
    final String kafkaAbsent;
    final String kafkaTopic;
    final String kafkaGroup;
    /** The management base URL, or null: then the publish-lag timer is not read. */
    final URI metricsUrl;
    final String exportQuery;
    final Duration exportTimeout;
    final String rebuildQuery;
    final Duration rebuildTimeout;
    final long seed;
    final Path out;
    final boolean help;
    /** The operator account; null only when no selected scenario calls the API (pg-limit alone) or for --help. */
    final Credentials operator;

    private BenchOptions(Map<Flag, String> values, boolean help, Map<String, String> env) {
        this.help = help;
        url = URI.create(stripTrailingSlash(values.get(Flag.URL)));
        if (url.getScheme() == null || url.getHost() == null) {
            throw new IllegalArgumentException("--url must be an absolute http(s) URL, got " + values.get(Flag.URL));
        }
        scenarios = scenarios(values.get(Flag.SCENARIO));
        duration = positive(Flag.DURATION, parseDuration(values.get(Flag.DURATION)));
        warmup = parseDuration(values.get(Flag.WARMUP));
        rate = atLeast(Flag.RATE, parseDouble(Flag.RATE, values.get(Flag.RATE)), 0);
        concurrency = (int) atLeast(Flag.CONCURRENCY, parseInt(Flag.CONCURRENCY, values.get(Flag.CONCURRENCY)), 1);
        customers = (int) atLeast(Flag.CUSTOMERS, parseInt(Flag.CUSTOMERS, values.get(Flag.CUSTOMERS)), 1);
        accountConcurrency = (int) atLeast(Flag.ACCOUNT_CONCURRENCY,
                parseInt(Flag.ACCOUNT_CONCURRENCY, values.get(Flag.ACCOUNT_CONCURRENCY)), 1);
        skus = (int) atLeast(Flag.SKUS, parseInt(Flag.SKUS, values.get(Flag.SKUS)), 1);
        skuPrefix = values.get(Flag.SKU_PREFIX);
        if (!skuPrefix.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,40}")) {
            throw new IllegalArgumentException("--sku-prefix must be a valid SKU start (letters, digits, . _ -)");
        }
        initialStock = (int) parseInt(Flag.INITIAL_STOCK, values.get(Flag.INITIAL_STOCK));
        if (initialStock < 1 || initialStock > 1_000_000) {
            throw new IllegalArgumentException("--initial-stock must be between 1 and 1000000");
        }
        zipfExponent = atLeast(Flag.ZIPF_EXPONENT, parseDouble(Flag.ZIPF_EXPONENT, values.get(Flag.ZIPF_EXPONENT)), 0);
        maxLines = (int) atLeast(Flag.MAX_LINES, parseInt(Flag.MAX_LINES, values.get(Flag.MAX_LINES)), 1);
        if (maxLines > skus) {
            throw new IllegalArgumentException("--max-lines cannot exceed --skus (lines use distinct SKUs)");
        }
        maxQuantity = (int) atLeast(Flag.MAX_QUANTITY, parseInt(Flag.MAX_QUANTITY, values.get(Flag.MAX_QUANTITY)), 1);
        paymentMix = parseMix(values.get(Flag.PAYMENT_MIX));
        grace = parseDuration(values.get(Flag.GRACE));
        subscribers = (int) atLeast(Flag.SUBSCRIBERS, parseInt(Flag.SUBSCRIBERS, values.get(Flag.SUBSCRIBERS)), 1);
        fanoutCustomers = (int) atLeast(Flag.FANOUT_CUSTOMERS,
                parseInt(Flag.FANOUT_CUSTOMERS, values.get(Flag.FANOUT_CUSTOMERS)), 1);
        fanoutRate = atLeast(Flag.FANOUT_RATE, parseDouble(Flag.FANOUT_RATE, values.get(Flag.FANOUT_RATE)), 0.001);
        jdbcUrl = values.get(Flag.JDBC_URL);
        jdbcUser = values.get(Flag.JDBC_USER);
        jdbcPassword = values.get(Flag.JDBC_PASSWORD);
        pgDuration = positive(Flag.PG_DURATION, parseDuration(values.get(Flag.PG_DURATION)));
        pgConcurrency = parseIntList(Flag.PG_CONCURRENCY, values.get(Flag.PG_CONCURRENCY));
        pgPayloadBytes = (int) atLeast(Flag.PG_PAYLOAD_BYTES,
                parseInt(Flag.PG_PAYLOAD_BYTES, values.get(Flag.PG_PAYLOAD_BYTES)), 1);
        String pid = values.get(Flag.SERVER_PID);
        serverPid = pid.isEmpty() ? OptionalLong.empty() : OptionalLong.of(parseInt(Flag.SERVER_PID, pid));
        String kafka = values.get(Flag.KAFKA_BOOTSTRAP).trim();
        if (kafka.equals("none")) {
            kafkaBootstrap = null;
            kafkaAbsent = "not measured: --kafka-bootstrap=none";
        } else if (kafka.equals("auto") || kafka.isEmpty()) {
            boolean local = isLocal(url.getHost());
            kafkaBootstrap = local ? "localhost:9092" : null;
            kafkaAbsent = local ? null : "not measured: " + url.getHost() + " is not this machine; give its brokers "
                    + "with --kafka-bootstrap=host:port";
        } else if (kafka.matches("[^\\s,:]+:\\d{1,5}(,[^\\s,:]+:\\d{1,5})*")) {
            kafkaBootstrap = kafka;
            kafkaAbsent = null;
        } else {
            throw new IllegalArgumentException("--kafka-bootstrap must be host:port[,host:port...], auto or none, got '"
                    + kafka + "'");
        }
        kafkaTopic = nonBlank(Flag.KAFKA_TOPIC, values.get(Flag.KAFKA_TOPIC));
        kafkaGroup = nonBlank(Flag.KAFKA_GROUP, values.get(Flag.KAFKA_GROUP));
        String metrics = values.get(Flag.METRICS_URL).trim();
        metricsUrl = metrics.isEmpty() ? null : URI.create(stripTrailingSlash(metrics));
        if (metricsUrl != null && (metricsUrl.getScheme() == null || metricsUrl.getHost() == null)) {
            throw new IllegalArgumentException("--metrics-url must be an absolute http(s) URL, got " + metrics);
        }
        exportQuery = values.get(Flag.EXPORT_QUERY).startsWith("?")
                ? values.get(Flag.EXPORT_QUERY).substring(1) : values.get(Flag.EXPORT_QUERY);
        exportTimeout = positive(Flag.EXPORT_TIMEOUT, parseDuration(values.get(Flag.EXPORT_TIMEOUT)));
        rebuildQuery = values.get(Flag.REBUILD_QUERY).startsWith("?")
                ? values.get(Flag.REBUILD_QUERY).substring(1) : values.get(Flag.REBUILD_QUERY);
        rebuildTimeout = positive(Flag.REBUILD_TIMEOUT, parseDuration(values.get(Flag.REBUILD_TIMEOUT)));
        seed = parseInt(Flag.SEED, values.get(Flag.SEED));
        out = Path.of(values.get(Flag.OUT));
        Credentials fromEnv = help ? null : Credentials.operatorFrom(env).orElse(null);
        if (fromEnv == null && !help && callsTheApi()) {
            throw new IllegalArgumentException("set " + Credentials.OPS_EMAIL_ENV + " and "
                    + Credentials.OPS_PASSWORD_ENV + " to an operator (OPS) account of the instance; the harness logs"
                    + " in with it to seed products and to read, export and rebuild (environment only, never flags)");
        }
        operator = fromEnv;
    }

    /**
     * Parses {@code --name=value} (or {@code --name value}) arguments; unknown flags are an error. {@code env} is the
     * process environment, where the operator's credentials come from.
     */
    public static BenchOptions parse(Map<String, String> env, String... args) {
        Map<Flag, String> values = new LinkedHashMap<>();
        for (Flag flag : Flag.values()) {
            values.put(flag, flag.defaultValue);
        }
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "' (flags look like --name=value)");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            Flag flag = flag(name);
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            values.put(flag, value);
        }
        return new BenchOptions(values, help, env);
    }

    /** The --help text: every flag with its default. */
    public static String helpText() {
        StringBuilder text = new StringBuilder();
        text.append("""
                orders-bench: load and measure a running Orders instance over HTTP/SSE, and the PostgreSQL append
                limit of its database, in one run.

                Build and run (against an instance started with raised rate limits, see the README):
                  ./mvnw -q -pl infra/bench -am -DskipTests package
                  ORDERS_BENCH_OPS_EMAIL=ops@example.com ORDERS_BENCH_OPS_PASSWORD=... \\
                  java -jar infra/bench/target/orders-bench.jar --url=http://localhost:8080 --duration=60s --rate=200 \\
                       --scenario=orders --jdbc-url=jdbc:postgresql://localhost:54329/postgres --jdbc-user=postgres \\
                       --out=bench-results.json

                Environment (never flags: other users of the machine can read a process's arguments):
                  ORDERS_BENCH_OPS_EMAIL, ORDERS_BENCH_OPS_PASSWORD
                                       an OPS account of the instance; required by every scenario but pg-limit.
                                       Customers are registered per run with generated passwords.

                Exit status: 0 fine, 1 an invariant was violated, 2 bad arguments, 3 the run could not be done.

                Flags (--name=value or --name value):
                """);
        for (Flag flag : Flag.values()) {
            String head = "  --" + flag.name + (flag == Flag.HELP ? "" : "=<" + placeholder(flag) + ">");
            text.append(String.format(Locale.ROOT, "%-36s %s", head, flag.help));
            if (!flag.defaultValue.isEmpty()) {
                text.append(" [default: ").append(flag.defaultValue).append(']');
            }
            text.append('\n');
        }
        text.append("""

                Kafka: while orders are measured, the harness asks the brokers (--kafka-bootstrap) once a second for
                the topic's end offsets (records published/s) and the consumer group's committed offsets (lag in
                records); an unreachable broker is reported as not measured, the run goes on.
                """);
        return text.toString();
    }

    boolean runs(Scenario scenario) {
        return scenarios.contains(scenario);
    }

    /** Every scenario but pg-limit talks to the instance's API, and so needs the operator's account. */
    boolean callsTheApi() {
        return scenarios.stream().anyMatch(scenario -> scenario != Scenario.PG_LIMIT);
    }

    /** Durations like 500ms, 30s, 2m, 1h, 1m30s, a bare number of seconds, or ISO-8601 (PT45S). */
    static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("pt") || value.startsWith("p")) {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        }
        if (value.matches("\\d+(\\.\\d+)?")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        }
        Matcher part = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)").matcher(value);
        long millis = 0;
        int end = 0;
        while (part.find()) {
            if (part.start() != end) {
                break;
            }
            double amount = Double.parseDouble(part.group(1));
            millis += Math.round(amount * switch (part.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                default -> 3_600_000;
            });
            end = part.end();
        }
        if (end == 0 || end != value.length()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 500ms, 30s, 2m, 1m30s)");
        }
        return Duration.ofMillis(millis);
    }

    /** {@code tok_approve=0.9,tok_decline=0.1} → normalised weights in the given order. */
    static Map<String, Double> parseMix(String text) {
        Map<String, Double> weights = new LinkedHashMap<>();
        double sum = 0;
        for (String part : text.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String token = eq < 0 ? entry : entry.substring(0, eq).trim();
            double weight = eq < 0 ? 1 : Double.parseDouble(entry.substring(eq + 1).trim());
            if (token.isEmpty() || weight < 0 || Double.isNaN(weight)) {
                throw new IllegalArgumentException("bad --payment-mix entry '" + entry + "'");
            }
            weights.merge(token, weight, Double::sum);
            sum += weight;
        }
        if (weights.isEmpty() || sum <= 0) {
            throw new IllegalArgumentException("--payment-mix needs at least one token with a positive weight");
        }
        double total = sum;
        weights.replaceAll((token, weight) -> weight / total);
        return Collections.unmodifiableMap(weights);
    }

    private static Set<Scenario> scenarios(String text) {
        EnumSet<Scenario> selected = EnumSet.noneOf(Scenario.class);
        for (String part : text.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals("all")) {
                selected.addAll(EnumSet.allOf(Scenario.class));
            } else {
                selected.add(Scenario.of(name));
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("--scenario names no scenario");
        }
        // Throughput figures are reported relative to the database's own limit, so orders always measures it.
        if (selected.contains(Scenario.ORDERS)) {
            selected.add(Scenario.PG_LIMIT);
        }
        return Collections.unmodifiableSet(selected);
    }

    private static Flag flag(String name) {
        for (Flag flag : Flag.values()) {
            if (flag.name.equals(name)) {
                return flag;
            }
        }
        if (name.contains("password") || name.contains("token") || name.startsWith("ops")) {
            throw new IllegalArgumentException("--" + name + ": the operator's credentials are read from "
                    + Credentials.OPS_EMAIL_ENV + " and " + Credentials.OPS_PASSWORD_ENV
                    + " only (other users of the machine can read command-line arguments)");
        }
        throw new IllegalArgumentException("unknown flag --" + name + " (see --help)");
    }

    private static String placeholder(Flag flag) {
        return switch (flag) {
            case DURATION, WARMUP, GRACE, PG_DURATION, EXPORT_TIMEOUT, REBUILD_TIMEOUT -> "duration";
            case URL, JDBC_URL, METRICS_URL -> "url";
            case KAFKA_BOOTSTRAP -> "host:port";
            case OUT -> "file";
            case SCENARIO -> "names";
            case PAYMENT_MIX -> "token=weight,...";
            case PG_CONCURRENCY -> "n,n,...";
            case ZIPF_EXPONENT, RATE, FANOUT_RATE -> "number";
            case SKU_PREFIX, JDBC_USER, JDBC_PASSWORD, EXPORT_QUERY, REBUILD_QUERY, KAFKA_TOPIC, KAFKA_GROUP -> "text";
            default -> "n";
        };
    }

    private static List<Integer> parseIntList(Flag flag, String text) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                values.add((int) atLeast(flag, parseInt(flag, part.trim()), 1));
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("--" + flag.name + " needs at least one value");
        }
        return List.copyOf(values);
    }

    private static long parseInt(Flag flag, String text) {
        try {
            return Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag.name + " must be a whole number, got '" + text + "'");
        }
    }

    private static double parseDouble(Flag flag, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + flag.name + " must be a number, got '" + text + "'");
        }
    }

    private static double atLeast(Flag flag, double value, double minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException("--" + flag.name + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }

    private static Duration positive(Flag flag, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("--" + flag.name + " must be positive");
        }
        return value;
    }

    private static String nonBlank(Flag flag, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("--" + flag.name + " must not be empty");
        }
        return value.trim();
    }

    private static boolean isLocal(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
