package dev.orders.deploy;

import static dev.orders.deploy.Nodes.list;
import static dev.orders.deploy.Nodes.map;
import static dev.orders.deploy.Nodes.maps;
import static dev.orders.deploy.Nodes.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compose file, parsed as Compose reads it (YAML with merge keys), and the files it mounts: every role runs from
 * the one image, locked down like in Kubernetes; PostgreSQL and a KRaft broker are healthy before the roles start;
 * secrets come only from the operator's .env; Axon Server is optional; Prometheus scrapes every role, Grafana shows
 * the dashboards and traces go through the collector to Jaeger.
 */
class ComposeFileTest {

    private static final Path FILE = DeployFiles.COMPOSE.resolve("compose.yaml");
    private static final List<String> ROLES = List.of("command", "query", "saga", "inventory", "notification");
    private static final Pattern PINNED_IMAGE = Pattern.compile("[^:\\s]+:[^:\\s]*\\d[^:\\s]*");
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]*}");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN).*");

    private final Map<String, Object> compose = DeployFiles.yamlDocument(FILE);
    private final Map<String, Object> services = map(compose, "services");

    @ParameterizedTest
    @ValueSource(strings = {"command", "query", "saga", "inventory", "notification"})
    void everyRoleRunsLockedDownFromTheOneImage(String role) {
        Map<String, Object> service = map(services, "orders-" + role);

        assertThat(string(service, "image")).startsWith("orders:");
        assertThat(map(service, "environment")).containsEntry("ORDERS_ROLES", role)
                .containsKeys("SPRING_DATASOURCE_URL", "KAFKA_BOOTSTRAP_SERVERS", "PAYMENT_PROVIDER_URL",
                        "ORDERS_JWT_SECRET");
        assertThat(service).containsEntry("read_only", true).containsEntry("user", "10001:10001");
        assertThat(list(service, "cap_drop")).containsExactly("ALL");
        assertThat(list(service, "security_opt")).contains("no-new-privileges:true");
        assertThat(list(service, "tmpfs")).anySatisfy(mount -> assertThat(mount.toString()).startsWith("/tmp"));
        assertThat(map(service, "deploy", "resources", "limits")).containsKeys("cpus", "memory");
        assertThat(map(service, "depends_on", "postgres")).containsEntry("condition", "service_healthy");
        assertThat(map(service, "depends_on", "kafka")).containsEntry("condition", "service_healthy");
    }

    @Test
    void theImageIsBuiltOnceFromTheRepositoryWithTheProjectDockerfile() {
        List<Map<String, Object>> builds = services.values().stream().map(service -> map(service, "build"))
                .filter(build -> !build.isEmpty()).toList();

        assertThat(builds).hasSize(1);
        Path context = DeployFiles.COMPOSE.resolve(string(builds.get(0), "context")).normalize();
        assertThat(context).isEqualTo(DeployFiles.REPOSITORY);
        assertThat(context.resolve(string(builds.get(0), "dockerfile"))).isEqualTo(DeployFiles.DOCKERFILE);
        assertThat(string(map(services, "payment-simulator"), "image")).isEqualTo(string(map(services,
                "orders-command"), "image"));
        assertThat(list(map(services, "payment-simulator"), "command")).first().isEqualTo("payment-simulator");
    }

    @Test
    void everyOtherImageIsPinnedToAVersion() {
        services.forEach((name, service) -> {
            String image = string(service, "image");
            if (!image.startsWith("orders:")) {
                assertThat(image).as(name).matches(PINNED_IMAGE).doesNotContain(":latest");
            }
        });
    }

    @Test
    void postgresAndAKraftBrokerAreHealthyBeforeTheRolesStart() {
        assertThat(list(map(services, "postgres"), "healthcheck", "test").toString()).contains("pg_isready");
        Map<String, Object> kafka = map(services, "kafka");
        assertThat(list(kafka, "healthcheck", "test").toString()).contains("kafka-broker-api-versions");
        assertThat(map(kafka, "environment")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
    }

    @Test
    void axonServerIsOptionalAndTheRolesKnowWhereItIs() {
        Map<String, Object> axonServer = map(services, "axonserver");

        assertThat(list(axonServer, "profiles")).containsExactly("axonserver");
        assertThat(string(axonServer, "image")).contains("nonroot");
        for (String role : ROLES) {
            Map<String, Object> service = map(services, "orders-" + role);
            assertThat(map(service, "environment")).containsEntry("AXON_AXONSERVER_SERVERS", "axonserver:8124");
            assertThat(map(service, "depends_on", "axonserver")).containsEntry("required", false);
        }
    }

    @Test
    void secretsComeOnlyFromTheOperatorsEnvFile() throws IOException {
        String text = DeployFiles.read(FILE);
        Map<String, String> example = Files.readAllLines(DeployFiles.COMPOSE.resolve(".env.example")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .collect(Collectors.toMap(line -> line.split("=", 2)[0], line -> line.split("=", 2)[1].trim(),
                        (first, second) -> second));
        Matcher required = REQUIRED_VARIABLE.matcher(text);
        while (required.find()) {
            assertThat(example).as(".env.example names " + required.group(1)).containsKey(required.group(1));
        }
        example.forEach((name, value) -> {
            if (SECRET_NAME.matcher(name).matches()) {
                assertThat(value).as("%s in .env.example", name).isEmpty();
            }
        });
        services.forEach((name, service) -> map(service, "environment").forEach((variable, value) -> {
            if (SECRET_NAME.matcher(variable).matches()) {
                assertThat(String.valueOf(value)).as("%s of %s", variable, name).startsWith("${");
            }
        }));
        assertThat(DeployFiles.read(DeployFiles.REPOSITORY.resolve(".gitignore")))
                .contains("infra/deploy/compose/.env");
    }

    @Test
    void everyMountedFileExists() {
        services.forEach((name, service) -> {
            for (Object volume : list(service, "volumes")) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(DeployFiles.COMPOSE.resolve(source).normalize()).as("%s mounts %s", name, source)
                            .exists();
                }
            }
        });
    }

    @Test
    void prometheusScrapesEveryRoleOnItsManagementPort() {
        Map<String, Object> prometheus = DeployFiles.yamlDocument(DeployFiles.COMPOSE.resolve(
                "prometheus/prometheus.yml"));
        Map<String, Object> orders = maps(prometheus, "scrape_configs").stream()
                .filter(job -> "orders".equals(job.get("job_name"))).findFirst().orElseThrow();

        assertThat(orders).containsEntry("metrics_path", "/actuator/prometheus");
        Set<String> targets = maps(orders, "static_configs").stream()
                .flatMap(config -> list(config, "targets").stream()).map(Object::toString)
                .collect(Collectors.toSet());
        assertThat(targets).containsExactlyInAnyOrderElementsOf(ROLES.stream()
                .map(role -> "orders-" + role + ":8081").toList());
    }

    @Test
    void tracesGoThroughTheCollectorToJaeger() {
        Map<String, Object> collector = DeployFiles.yamlDocument(DeployFiles.COMPOSE.resolve(
                "otel-collector/config.yaml"));

        assertThat(map(collector, "receivers", "otlp", "protocols")).containsKeys("grpc", "http");
        assertThat(list(collector, "service", "pipelines", "traces", "exporters")).containsExactly("otlp/jaeger");
        assertThat(string(collector, "exporters", "otlp/jaeger", "endpoint")).isEqualTo("jaeger:4317");
        assertThat(services).containsKeys("otel-collector", "jaeger");
        for (String role : ROLES) {
            Map<String, Object> service = map(services, "orders-" + role);
            assertThat(string(service, "environment", "OTEL_EXPORTER_OTLP_ENDPOINT"))
                    .isEqualTo("http://otel-collector:4318");
            assertThat(string(service, "environment", "OTEL_SERVICE_NAME")).isEqualTo("orders-" + role);
            assertThat(string(service, "environment", "ORDERS_LOG_FORMAT")).isEqualTo("json");
        }
    }

    @Test
    void grafanaShowsEveryDashboardOnAProvisionedDataSource() throws IOException {
        Set<String> dataSources = maps(DeployFiles.yamlDocument(DeployFiles.COMPOSE.resolve(
                "grafana/provisioning/datasources/datasources.yaml")), "datasources").stream()
                .map(source -> string(source, "uid")).collect(Collectors.toSet());
        assertThat(dataSources).contains("prometheus", "jaeger");

        try (Stream<Path> files = Files.list(DeployFiles.MODULE.resolve("dashboards"))) {
            List<Path> dashboards = files.filter(file -> file.toString().endsWith(".json")).toList();
            assertThat(dashboards).isNotEmpty();
            for (Path file : dashboards) {
                JsonObject dashboard = JsonParser.parseString(DeployFiles.read(file)).getAsJsonObject();
                assertThat(dashboard.has("uid") && dashboard.has("title")).as(file.toString()).isTrue();
                dashboard.getAsJsonArray("panels").forEach(panel -> assertThat(dataSources).as(file.toString())
                        .contains(panel.getAsJsonObject().getAsJsonObject("datasource").get("uid").getAsString()));
            }
        }
    }

    @Test
    void theGatewayIsTheOnePublishedApiPortAndKnowsEveryRoleThatServesHttp() {
        assertThat(list(map(services, "gateway"), "ports")).containsExactly("8080:8080");
        for (String role : ROLES) {
            assertThat(map(services, "orders-" + role)).as("orders-" + role).doesNotContainKey("ports");
        }
        String nginx = DeployFiles.read(DeployFiles.COMPOSE.resolve("gateway/nginx.conf"));
        for (String role : List.of("command", "query", "inventory", "notification")) {
            assertThat(nginx).contains("upstream orders_" + role + " ").contains("server orders-" + role + ":8080;");
        }
        assertThat(nginx).contains("proxy_buffering off;");
    }
}
