package dev.orders.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The system under test: the suite's services, the jar's instances on them, the suite's accounts and products.
 * Scenarios run one after another on the same cluster; each checks the orders it placed, and everything global.
 */
final class Cluster implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** A product's stock: far more than any run orders, so OUT_OF_STOCK is always a mistake. */
    static final int STOCK = 1_000_000;

    private final Path jar;
    private final Path workDirectory;
    private final Services services;
    private final String runId;
    private final List<AppInstance> instances = new ArrayList<>();
    private final Http http = new Http(Duration.ofSeconds(30));
    private SuiteAccounts accounts;
    private List<String> skus;

    Cluster(Path jar, Path workDirectory, Services services, String runId) {
        this.jar = jar;
        this.workDirectory = workDirectory;
        this.services = services;
        this.runId = runId;
    }

    /** Starts the first instance and creates the accounts and products every scenario uses. */
    void open(int customers, int products) throws IOException {
        AppInstance first = newInstance("app-a", Map.of());
        first.start(START_TIMEOUT);
        accounts = SuiteAccounts.open(http, first.baseUrl(), runId, customers, services.webhooks().url());
        skus = new ArrayList<>();
        for (int i = 0; i < products; i++) {
            String sku = "FAULTS-" + runId + "-" + i;
            Http.Answer created = http.send("POST", first.baseUrl() + "/api/v1/products",
                    accounts.operatorToken(), Http.json(Map.of("sku", sku, "name", "Suite product " + i,
                            "priceCents", 199 + 100 * i, "currency", "EUR", "initialStock", STOCK)), Map.of());
            if (created.status() != 201) {
                throw new IOException("creating " + sku + " answered " + created.status() + ": " + created.body());
            }
            skus.add(sku);
        }
    }

    /** A new instance of the jar on these services, with extra settings; not started. */
    AppInstance newInstance(String name, Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(services.appEnvironment());
        environment.putAll(settings);
        AppInstance instance = new AppInstance(name, jar, workDirectory.resolve("logs"), environment);
        instances.add(instance);
        return instance;
    }

    AppInstance first() {
        return instances.get(0);
    }

    /** Base URLs of the instances that run now (all of them while none does: requests are retried). */
    List<String> liveUrls() {
        List<String> live = instances.stream().filter(AppInstance::alive).map(AppInstance::baseUrl).toList();
        return live.isEmpty() ? instances.stream().map(AppInstance::baseUrl).toList() : live;
    }

    Load load(long seed) {
        return new Load(this::liveUrls, accounts, skus, runId + "-" + seed, seed);
    }

    Services services() {
        return services;
    }

    SuiteAccounts accounts() {
        return accounts;
    }

    List<String> skus() {
        return skus;
    }

    Http http() {
        return http;
    }

    /**
     * Evaluates the checks until none is violated or {@code timeout} passes (sagas, projections and notifications
     * catch up meanwhile); answers the last evaluation.
     */
    List<Check> settle(Collection<UUID> orders, Duration timeout) throws SQLException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean killed = instances.stream().anyMatch(AppInstance::wasKilled);
            List<Check> checks = Checks.evaluate(SystemState.read(services), orders, killed);
            if (Checks.violations(checks) == 0 || System.nanoTime() > deadline) {
                return checks;
            }
            Pause.of(Duration.ofSeconds(3));
        }
    }

    @Override
    public void close() {
        instances.forEach(AppInstance::close);
    }
}
