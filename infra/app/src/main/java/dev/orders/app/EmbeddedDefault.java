package dev.orders.app;

import dev.orders.platform.roles.Roles;
import dev.orders.testkit.EmbeddedPostgresServer;
import dev.orders.testkit.kafka.EmbeddedKafkaBroker;
import dev.orders.testkit.paymentsim.PaymentProviderSimulator;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the services the operator did not point us at: PostgreSQL (embedded, with a persistent data
 * directory) unless a database is configured, a Kafka broker (embedded, persistent too) unless
 * {@code KAFKA_BOOTSTRAP_SERVERS} is set, and the payment-provider simulator unless {@code PAYMENT_PROVIDER_URL}
 * is set. What it starts becomes default properties, so explicit configuration always wins.
 *
 * <p>That is the embedded default, and it applies only to an instance that runs every role and has not been told
 * {@code ORDERS_EMBEDDED=false}: an instance of a split deployment starts nothing of its own, and a setting it lacks
 * stops it at start (see {@link RequiredSettings}).
 */
final class EmbeddedDefault implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDefault.class);

    private final Map<String, Object> properties = new HashMap<>();
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private PaymentProviderSimulator simulator;

    private EmbeddedDefault() {
    }

    static EmbeddedDefault startWhatIsMissing(Map<String, String> env, String[] args) {
        EmbeddedDefault embedded = new EmbeddedDefault();
        boolean databaseConfigured = isConfigured(env, args, "SPRING_DATASOURCE_URL", "spring.datasource.url");
        if (!databaseConfigured && env.get("DATABASE_URL") != null) {
            embedded.properties.putAll(fromDatabaseUrl(env.get("DATABASE_URL")));
            databaseConfigured = true;
        }
        if (!applies(env, args)) {
            return embedded;
        }
        try {
            if (!databaseConfigured) {
                embedded.startPostgres(env);
            }
            if (!isConfigured(env, args, "KAFKA_BOOTSTRAP_SERVERS", "orders.kafka.bootstrap-servers")) {
                embedded.startKafka(env);
            }
            if (!isConfigured(env, args, "PAYMENT_PROVIDER_URL", "orders.payment.provider-url")) {
                embedded.startSimulator(env);
            }
            if (embedded.postgres != null) {
                embedded.devSecurity(env, args);
            }
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
        return embedded;
    }

    /** True for an instance that runs every role, unless {@code ORDERS_EMBEDDED} is false. */
    static boolean applies(Map<String, String> env, String[] args) {
        String embedded = setting(env, args, "ORDERS_EMBEDDED", "orders.embedded");
        if ("false".equalsIgnoreCase(embedded == null ? null : embedded.trim())) {
            return false;
        }
        String roles = setting(env, args, "ORDERS_ROLES", Roles.PROPERTY);
        try {
            return roles == null || Roles.parse(roles).isAll();
        } catch (IllegalArgumentException unknownRole) {
            // Not embedded; the settings check at start reports the bad value with the others.
            return false;
        }
    }

    Map<String, Object> properties() {
        return properties;
    }

    private void startPostgres(Map<String, String> env) {
        Path dataDirectory = Path.of(env.getOrDefault("ORDERS_DATA_DIR", "data"), "postgres").toAbsolutePath();
        int port = Integer.parseInt(env.getOrDefault("ORDERS_EMBEDDED_POSTGRES_PORT", "54329"));
        postgres = EmbeddedPostgresServer.start(dataDirectory, port);
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        log.info("Embedded PostgreSQL at {} (data in {})", postgres.jdbcUrl(), dataDirectory);
    }

    private void startKafka(Map<String, String> env) {
        Path dataDirectory = Path.of(env.getOrDefault("ORDERS_DATA_DIR", "data"), "kafka").toAbsolutePath();
        int port = Integer.parseInt(env.getOrDefault("ORDERS_EMBEDDED_KAFKA_PORT", "9092"));
        kafka = EmbeddedKafkaBroker.start(dataDirectory, port);
        // The variable application.yml reads, so that an explicit orders.kafka.bootstrap-servers still wins.
        properties.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        log.info("Embedded Kafka broker at {} (data in {})", kafka.bootstrapServers(), dataDirectory);
    }

    private void startSimulator(Map<String, String> env) {
        int port = Integer.parseInt(env.getOrDefault("ORDERS_PAYMENT_SIMULATOR_PORT", "8089"));
        simulator = PaymentProviderSimulator.start(port);
        properties.put("PAYMENT_PROVIDER_URL", simulator.baseUrl());
        log.info("Payment-provider SIMULATOR at {} (test tokens tok_approve, tok_decline, tok_slow, tok_flaky)",
                simulator.baseUrl());
    }

    /**
     * The embedded default is a developer's machine: it signs tokens with a secret generated once per data directory
     * (so tokens survive a restart) and invents the first operator's password, printing it once.
     */
    private void devSecurity(Map<String, String> env, String[] args) {
        if (!isConfigured(env, args, "ORDERS_JWT_SECRET", "orders.security.jwt.secret")
                && !isConfigured(env, args, "ORDERS_JWT_JWKS_URI", "orders.security.jwt.jwks-uri")) {
            Path dataDirectory = Path.of(env.getOrDefault("ORDERS_DATA_DIR", "data")).toAbsolutePath();
            properties.put("ORDERS_JWT_SECRET", DevSecret.readOrCreate(dataDirectory.resolve("jwt-secret")));
        }
        properties.put("orders.security.bootstrap.generate", "true");
    }

    /** Accepts the common {@code postgres://user:password@host:port/database} form. */
    static Map<String, Object> fromDatabaseUrl(String databaseUrl) {
        URI uri = URI.create(databaseUrl);
        Map<String, Object> result = new HashMap<>();
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        // Query parameters such as sslmode=require carry over to the JDBC URL unchanged.
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        result.put("spring.datasource.url",
                "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            result.put("spring.datasource.username", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                result.put("spring.datasource.password", decode(userInfo.substring(colon + 1)));
            }
        }
        return result;
    }

    /** Passwords in URLs are percent-encoded when they contain reserved characters. */
    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static boolean isConfigured(Map<String, String> env, String[] args, String variable, String property) {
        return env.get(variable) != null
                || env.get(property.toUpperCase().replace('.', '_').replace('-', '_')) != null
                || System.getProperty(property) != null
                || Arrays.stream(args).anyMatch(arg -> arg.startsWith("--" + property + "="));
    }

    /** A setting before Spring reads it: a command-line argument, a system property or the variable. */
    private static String setting(Map<String, String> env, String[] args, String variable, String property) {
        String prefix = "--" + property + "=";
        return Arrays.stream(args).filter(arg -> arg.startsWith(prefix)).map(arg -> arg.substring(prefix.length()))
                .reduce((first, last) -> last)
                .orElseGet(() -> System.getProperty(property, env.get(variable)));
    }

    /** Stops what it started; called once the application context is closed, so nothing uses them any more. */
    @Override
    public synchronized void close() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
