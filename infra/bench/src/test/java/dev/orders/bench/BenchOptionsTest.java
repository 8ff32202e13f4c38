package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.orders.bench.BenchOptions.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static final Map<String, String> ENV = Map.of(
            "ORDERS_BENCH_OPS_EMAIL", "ops@example.com", "ORDERS_BENCH_OPS_PASSWORD", "operator password");

    @Test
    void defaultsDescribeTheDocumentedRun() {
        BenchOptions options = BenchOptions.parse(ENV);
        assertThat(options.url.toString()).isEqualTo("http://localhost:8080");
        assertThat(options.duration).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.rate).isEqualTo(200);
        assertThat(options.scenarios).containsExactlyInAnyOrder(Scenario.ORDERS, Scenario.PG_LIMIT);
        assertThat(options.skus).isEqualTo(1000);
        assertThat(options.paymentMix).containsEntry("tok_approve", 0.9).containsEntry("tok_decline", 0.1);
        assertThat(options.pgConcurrency).containsExactly(1, 8);
        assertThat(options.jdbcUrl).isEqualTo("jdbc:postgresql://localhost:54329/postgres");
        assertThat(options.serverPid).isEmpty();
        assertThat(options.out).isEqualTo(Path.of("bench-results.json"));
        assertThat(options.help).isFalse();
    }

    @Test
    void parsesEveryKindOfFlag() {
        BenchOptions options = BenchOptions.parse(ENV, "--url=http://h:9090/", "--duration=1m30s", "--rate", "0",
                "--concurrency=64", "--scenario=sse-fanout,export", "--jdbc-url=jdbc:postgresql://db/orders",
                "--jdbc-user=orders", "--jdbc-password=s3cret", "--out=/tmp/r.json", "--server-pid=123",
                "--payment-mix=tok_approve=3,tok_flaky=1", "--pg-concurrency=1,4,16", "--warmup=0",
                "--zipf-exponent=0.8", "--subscribers=10", "--fanout-customers=2", "--fanout-rate=5.5",
                "--grace=PT2M", "--pg-duration=500ms", "--export-query=?type=OrderPlaced", "--seed=7");
        assertThat(options.url.toString()).isEqualTo("http://h:9090");
        assertThat(options.duration).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.rate).isZero();
        assertThat(options.concurrency).isEqualTo(64);
        assertThat(options.scenarios).containsExactlyInAnyOrder(Scenario.SSE_FANOUT, Scenario.EXPORT);
        assertThat(options.jdbcPassword).isEqualTo("s3cret");
        assertThat(options.serverPid).hasValue(123);
        assertThat(options.paymentMix.get("tok_approve")).isCloseTo(0.75, within(1e-12));
        assertThat(options.paymentMix.get("tok_flaky")).isCloseTo(0.25, within(1e-12));
        assertThat(options.pgConcurrency).containsExactly(1, 4, 16);
        assertThat(options.warmup).isZero();
        assertThat(options.grace).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.pgDuration).isEqualTo(Duration.ofMillis(500));
        assertThat(options.exportQuery).isEqualTo("type=OrderPlaced");
        assertThat(options.fanoutRate).isEqualTo(5.5);
        assertThat(options.seed).isEqualTo(7);
    }

    @Test
    void kafkaIsLookedForAtTheEmbeddedDefaultsBrokerOnlyForALocalInstance() {
        BenchOptions local = BenchOptions.parse(ENV);
        assertThat(local.kafkaBootstrap).isEqualTo("localhost:9092");
        assertThat(local.kafkaTopic).isEqualTo("orders.events.v1");
        assertThat(local.kafkaGroup).isEqualTo("orders-notifications");
        assertThat(local.metricsUrl).isNull();
        assertThat(BenchOptions.parse(ENV, "--url=http://127.0.0.1:8280").kafkaBootstrap).isEqualTo("localhost:9092");

        BenchOptions remote = BenchOptions.parse(ENV, "--url=https://orders.example.com");
        assertThat(remote.kafkaBootstrap).isNull();
        assertThat(remote.kafkaAbsent).contains("--kafka-bootstrap");

        BenchOptions given = BenchOptions.parse(ENV, "--url=https://orders.example.com",
                "--kafka-bootstrap=kafka-1:9092,kafka-2:9092", "--kafka-topic=t", "--kafka-group=g",
                "--metrics-url=http://localhost:8081/");
        assertThat(given.kafkaBootstrap).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(given.kafkaTopic).isEqualTo("t");
        assertThat(given.kafkaGroup).isEqualTo("g");
        assertThat(given.metricsUrl).hasToString("http://localhost:8081");

        BenchOptions off = BenchOptions.parse(ENV, "--kafka-bootstrap=none");
        assertThat(off.kafkaBootstrap).isNull();
        assertThat(off.kafkaAbsent).contains("none");

        assertThatThrownBy(() -> BenchOptions.parse(ENV, "--kafka-bootstrap=localhost"))
                .hasMessageContaining("--kafka-bootstrap");
        assertThatThrownBy(() -> BenchOptions.parse(ENV, "--kafka-group= ")).hasMessageContaining("--kafka-group");
        assertThatThrownBy(() -> BenchOptions.parse(ENV, "--metrics-url=localhost:8081"))
                .hasMessageContaining("--metrics-url");
    }

    @Test
    void allMeansEveryScenarioAndOrdersBringsThePgLimit() {
        assertThat(BenchOptions.parse(ENV, "--scenario=all").scenarios).containsExactlyInAnyOrder(Scenario.values());
        assertThat(BenchOptions.parse(ENV, "--scenario=orders").scenarios).contains(Scenario.PG_LIMIT);
        assertThat(BenchOptions.parse(ENV, "--scenario=rebuild").scenarios).containsExactly(Scenario.REBUILD);
    }

    @Test
    void durationsInTheUsualShapes() {
        assertThat(BenchOptions.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(BenchOptions.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(BenchOptions.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(BenchOptions.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(BenchOptions.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(BenchOptions.parseDuration("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(BenchOptions.parseDuration("PT45S")).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> BenchOptions.parseDuration("10 parsecs")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchOptions.parseDuration("s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesWhatItDoesNotUnderstand() {
        assertThatThrownBy(() -> BenchOptions.parse(ENV, "--rat=5")).hasMessageContaining("unknown flag --rat");
        assertThatThrownBy(() -> BenchOptions.parse(ENV, "--rate=fast")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> BenchOptions.parse(ENV, "--rate=-1")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> BenchOptions.parse(ENV, "--scenario=chaos")).hasMessageContaining("unknown scenario");
        assertThatThrownBy(() -> BenchOptions.parse(ENV, "--duration=0s")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> BenchOptions.parse(ENV, "--payment-mix=tok_approve=0")).hasMessageContaining("payment-mix");
        assertThatThrownBy(() -> BenchOptions.parse(ENV, "--initial-stock=2000000")).hasMessageContaining("initial-stock");
        assertThatThrownBy(() -> BenchOptions.parse(ENV, "--url")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(ENV, "positional")).hasMessageContaining("unexpected argument");
        assertThatThrownBy(() -> BenchOptions.parse(ENV, "--url=localhost:8080")).hasMessageContaining("--url");
    }

    @Test
    void helpDocumentsEveryFlag() {
        assertThat(BenchOptions.parse(ENV, "--help").help).isTrue();
        assertThat(BenchOptions.parse(ENV, "-h").help).isTrue();
        String help = BenchOptions.helpText();
        for (BenchOptions.Flag flag : BenchOptions.Flag.values()) {
            assertThat(help).contains("--" + flag.name);
            // Every default given in the table can be parsed back.
            if (!flag.defaultValue.isEmpty() && flag != BenchOptions.Flag.HELP) {
                assertThat(help).contains("[default: " + flag.defaultValue + "]");
                BenchOptions.parse(ENV, "--" + flag.name + "=" + flag.defaultValue);
            }
        }
        assertThat(help).contains("java -jar infra/bench/target/orders-bench.jar");
        assertThat(List.of(help.split("\n"))).anyMatch(line -> line.contains("Kafka"));
    }

    @Test
    void theOperatorComesFromTheEnvironment() {
        BenchOptions options = BenchOptions.parse(ENV, "--scenario=export");
        assertThat(options.operator.email()).isEqualTo("ops@example.com");
        assertThat(options.operator.password()).isEqualTo("operator password");
        assertThat(options.accountConcurrency).isEqualTo(8);
        assertThat(BenchOptions.parse(ENV, "--account-concurrency=2").accountConcurrency).isEqualTo(2);
    }

    @Test
    void everyScenarioButPgLimitNeedsTheOperator() {
        for (String scenario : List.of("orders", "sse-fanout", "export", "rebuild", "all")) {
            assertThatThrownBy(() -> BenchOptions.parse(Map.of(), "--scenario=" + scenario))
                    .hasMessageContaining("set ORDERS_BENCH_OPS_EMAIL and ORDERS_BENCH_OPS_PASSWORD");
        }
        BenchOptions pgOnly = BenchOptions.parse(Map.of(), "--scenario=pg-limit");
        assertThat(pgOnly.callsTheApi()).isFalse();
        assertThat(pgOnly.operator).isNull();
        assertThat(BenchOptions.parse(Map.of(), "--help").help).isTrue();
    }

    @Test
    void halfAnOperatorNamesTheMissingVariable() {
        assertThatThrownBy(() -> BenchOptions.parse(Map.of("ORDERS_BENCH_OPS_EMAIL", "ops@example.com")))
                .hasMessageContaining("ORDERS_BENCH_OPS_PASSWORD is not set");
        assertThatThrownBy(() -> BenchOptions.parse(Map.of("ORDERS_BENCH_OPS_PASSWORD", "x", "ORDERS_BENCH_OPS_EMAIL",
                " ")))
                .hasMessageContaining("ORDERS_BENCH_OPS_EMAIL is not set");
    }

    @Test
    void credentialsAsFlagsAreRefusedPointingToTheEnvironment() {
        for (String flag : List.of("--ops-password=secret", "--ops-email=ops@example.com", "--password=secret",
                "--token=eyJ")) {
            assertThatThrownBy(() -> BenchOptions.parse(ENV, flag))
                    .hasMessageContaining("read from ORDERS_BENCH_OPS_EMAIL and ORDERS_BENCH_OPS_PASSWORD only")
                    .hasMessageNotContaining("secret");
        }
    }

    @Test
    void theHelpNamesTheEnvironmentVariables() {
        assertThat(BenchOptions.helpText()).contains("ORDERS_BENCH_OPS_EMAIL", "ORDERS_BENCH_OPS_PASSWORD",
                "never flags");
    }

    @Test
    void thePasswordNeverShowsInText() {
        assertThat(BenchOptions.parse(ENV).operator.toString()).contains("ops@example.com")
                .doesNotContain("operator password");
    }
}
