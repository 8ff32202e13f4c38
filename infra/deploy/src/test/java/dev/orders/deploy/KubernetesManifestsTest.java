package dev.orders.deploy;

import static dev.orders.deploy.Nodes.describe;
import static dev.orders.deploy.Nodes.kind;
import static dev.orders.deploy.Nodes.list;
import static dev.orders.deploy.Nodes.map;
import static dev.orders.deploy.Nodes.maps;
import static dev.orders.deploy.Nodes.name;
import static dev.orders.deploy.Nodes.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests, rendered as kustomize renders each overlay, against the Kubernetes API schema and the
 * rules every Orders workload must follow: probes on the actuator groups, requests and limits, a locked-down
 * security context, pinned images, secrets referenced and never inlined, autoscaling only for stateless roles, a
 * disruption budget per role, network policies and Prometheus scraping.
 */
class KubernetesManifestsTest {

    private static final Set<String> ROLES = Set.of("command", "query", "saga", "inventory", "notification");
    /** Roles that keep no work of their own between requests; only they may scale with load. */
    private static final Set<String> STATELESS = Set.of("command", "query");
    private static final Set<String> HTTP_ROLES = Set.of("command", "query", "inventory", "notification");
    private static final Pattern PINNED_IMAGE = Pattern.compile("[^:@\\s]+:[^:\\s]*\\d[^:\\s]*");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|CREDENTIAL).*");

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyObjectIsValidForTheKubernetesApi(String kustomization) {
        List<Map<String, Object>> objects = Kustomize.build(DeployFiles.K8S.resolve(kustomization));

        assertThat(objects).isNotEmpty();
        for (Map<String, Object> object : objects) {
            if (KubernetesSchema.CUSTOM.containsKey(KubernetesSchema.type(object))) {
                continue;
            }
            assertThat(KubernetesSchema.knows(object)).as("%s has a known schema", describe(object)).isTrue();
            assertThat(KubernetesSchema.problem(object)).as(describe(object) + " in " + kustomization).isNull();
        }
    }

    @Test
    void theSchemaCheckFindsMistakes() {
        Map<String, Object> deployment = deployment(Kustomize.build(DeployFiles.K8S.resolve("base")), "query");
        Map<String, Object> container = maps(deployment, "spec", "template", "spec", "containers").get(0);

        container.put("livenesProbe", container.remove("livenessProbe"));
        assertThat(KubernetesSchema.problem(deployment)).contains("livenesProbe");

        container.put("livenessProbe", container.remove("livenesProbe"));
        map(container, "resources", "limits").put("memory", "lots");
        assertThat(KubernetesSchema.problem(deployment)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyRoleHasItsDeploymentProbedOnTheActuatorGroups(String kustomization) {
        List<Map<String, Object>> objects = Kustomize.build(DeployFiles.K8S.resolve(kustomization));

        assertThat(ordersDeployments(objects)).extracting(KubernetesManifestsTest::role)
                .containsExactlyInAnyOrderElementsOf(ROLES);
        for (Map<String, Object> deployment : ordersDeployments(objects)) {
            Map<String, Object> container = maps(deployment, "spec", "template", "spec", "containers").get(0);
            String role = role(deployment);
            assertThat(env(container)).as("ORDERS_ROLES of " + role).containsEntry("ORDERS_ROLES", role);
            assertThat(string(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            assertThat(string(container, "readinessProbe", "httpGet", "path"))
                    .isEqualTo("/actuator/health/readiness");
            assertThat(string(container, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                assertThat(containerPort(container, string(container, probe, "httpGet", "port")))
                        .as("%s port of %s", probe, role).isEqualTo(8081);
            }
            assertThat(containerPort(container, "http")).isEqualTo(HTTP_ROLES.contains(role) ? 8080 : null);
            assertThat(map(deployment, "spec", "template", "metadata", "annotations"))
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", "8081")
                    .containsEntry("prometheus.io/path", "/actuator/prometheus");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyWorkloadIsLockedDownAndBounded(String kustomization) {
        for (Map<String, Object> workload : workloads(Kustomize.build(DeployFiles.K8S.resolve(kustomization)))) {
            Map<String, Object> pod = map(workload, "spec", "template", "spec");
            String what = describe(workload) + " in " + kustomization;
            assertThat(at(pod, "securityContext", "runAsNonRoot")).as(what).isEqualTo(true);
            assertThat(string(pod, "securityContext", "seccompProfile", "type")).as(what).isEqualTo("RuntimeDefault");
            assertThat(at(pod, "automountServiceAccountToken")).as(what).isEqualTo(false);
            for (Map<String, Object> container : maps(pod, "containers")) {
                assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).as(what).isEqualTo(false);
                assertThat(list(container, "securityContext", "capabilities", "drop")).as(what).containsExactly("ALL");
                for (String bound : List.of("requests", "limits")) {
                    assertThat(map(container, "resources", bound)).as("%s %s", what, bound)
                            .containsKeys("cpu", "memory");
                }
                if (isOrders(workload)) {
                    assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).as(what).isEqualTo(true);
                    assertThat(maps(container, "volumeMounts")).as(what)
                            .anySatisfy(mount -> assertThat(mount).containsEntry("mountPath", "/tmp"));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyImageIsPinnedToAVersion(String overlay) {
        for (Map<String, Object> workload : workloads(Kustomize.build(DeployFiles.K8S.resolve(overlay)))) {
            for (Map<String, Object> container : maps(workload, "spec", "template", "spec", "containers")) {
                String image = string(container, "image");
                assertThat(image).as(describe(workload)).matches(PINNED_IMAGE).doesNotEndWith(":latest");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void secretsAreGeneratedFromFilesTheOperatorWritesAndOnlyReferenced(String overlay) throws IOException {
        Path directory = DeployFiles.K8S.resolve(overlay);
        List<Map<String, Object>> objects = Kustomize.build(directory);
        Set<String> secrets = objects.stream().filter(object -> "Secret".equals(kind(object)))
                .map(Nodes::name).collect(Collectors.toSet());

        assertThat(secrets).containsExactlyInAnyOrder("orders-database", "orders-auth");
        for (Map<String, Object> generator : maps(DeployFiles.yamlDocument(directory.resolve("kustomization.yaml")),
                "secretGenerator")) {
            for (Object env : list(generator, "envs")) {
                Path example = directory.resolve(env + ".example");
                assertThat(example).as("example of " + env).isRegularFile();
                assertThat(Files.readAllLines(example)).as("secret values in " + example)
                        .filteredOn(line -> !line.startsWith("#") && SECRET_NAME.matcher(line.split("=")[0]).matches())
                        .allSatisfy(line -> assertThat(line).endsWith("="));
                assertThat(DeployFiles.read(DeployFiles.REPOSITORY.resolve(".gitignore")))
                        .contains("infra/deploy/k8s/overlays/*/secrets/*.env");
            }
        }
        for (Map<String, Object> workload : workloads(objects)) {
            for (Map<String, Object> container : maps(workload, "spec", "template", "spec", "containers")) {
                for (Map<String, Object> variable : maps(container, "env")) {
                    if (SECRET_NAME.matcher(string(variable, "name")).matches()) {
                        assertThat(variable).as("%s %s", describe(workload), variable).doesNotContainKey("value");
                    }
                    String secret = string(variable, "valueFrom", "secretKeyRef", "name");
                    if (secret != null) {
                        assertThat(secrets).as(describe(workload)).contains(secret);
                    }
                }
                for (Map<String, Object> source : maps(container, "envFrom")) {
                    String secret = string(source, "secretRef", "name");
                    if (secret != null) {
                        assertThat(secrets).as(describe(workload)).contains(secret);
                    }
                }
            }
        }
    }

    @Test
    void noManifestInTheRepositoryInlinesASecret() throws IOException {
        try (Stream<Path> files = Files.walk(DeployFiles.K8S)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).toList()) {
                for (Map<String, Object> object : DeployFiles.yamlDocuments(file)) {
                    assertThat(kind(object)).as(file.toString()).isNotEqualTo("Secret");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void onlyStatelessRolesAutoscaleAndEveryRoleHasADisruptionBudget(String kustomization) {
        List<Map<String, Object>> objects = Kustomize.build(DeployFiles.K8S.resolve(kustomization));

        Set<String> scaled = objects.stream().filter(object -> "HorizontalPodAutoscaler".equals(kind(object)))
                .map(hpa -> string(hpa, "spec", "scaleTargetRef", "name")).collect(Collectors.toSet());
        assertThat(scaled).containsExactlyInAnyOrderElementsOf(STATELESS.stream().map(role -> "orders-" + role)
                .toList());
        for (Map<String, Object> deployment : ordersDeployments(objects)) {
            boolean autoscaled = scaled.contains(name(deployment));
            // An autoscaled Deployment leaves its replica count to the autoscaler: an apply would reset it.
            assertThat(map(deployment, "spec").containsKey("replicas")).as(name(deployment)).isEqualTo(!autoscaled);
            Map<String, Object> labels = map(deployment, "spec", "template", "metadata", "labels");
            assertThat(objects).as("PodDisruptionBudget for " + name(deployment))
                    .filteredOn(object -> "PodDisruptionBudget".equals(kind(object)))
                    .anySatisfy(pdb -> assertThat(labels).containsAllEntriesOf(
                            map(pdb, "spec", "selector", "matchLabels")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void servicesReachTheirPodsAndNetworkPoliciesAdmitOnlyWhatIsServed(String kustomization) {
        List<Map<String, Object>> objects = Kustomize.build(DeployFiles.K8S.resolve(kustomization));

        for (Map<String, Object> service : objects.stream().filter(o -> "Service".equals(kind(o))).toList()) {
            Map<String, Object> selector = map(service, "spec", "selector");
            Map<String, Object> workload = workloads(objects).stream()
                    .filter(candidate -> map(candidate, "spec", "template", "metadata", "labels").entrySet()
                            .containsAll(selector.entrySet()))
                    .findFirst().orElseThrow(() -> new AssertionError(describe(service) + " selects no pods"));
            Map<String, Object> container = maps(workload, "spec", "template", "spec", "containers").get(0);
            for (Map<String, Object> port : maps(service, "spec", "ports")) {
                assertThat(containerPort(container, string(port, "targetPort"))).as(describe(service)).isNotNull();
            }
        }
        List<Map<String, Object>> policies = objects.stream().filter(o -> "NetworkPolicy".equals(kind(o))).toList();
        assertThat(policies).as("a policy that denies all ingress to Orders pods").anySatisfy(policy -> {
            assertThat(map(policy, "spec", "podSelector", "matchLabels")).containsEntry("app.kubernetes.io/name",
                    "orders");
            assertThat(list(policy, "spec", "policyTypes")).containsExactly("Ingress");
            assertThat(policy).extracting(p -> at(p, "spec", "ingress")).isNull();
        });
        assertThat(policies).as("the API port is open for the roles that serve HTTP, and only for them")
                .anySatisfy(policy -> {
                    assertThat(maps(policy, "spec", "podSelector", "matchExpressions"))
                            .anySatisfy(expression -> assertThat(list(expression, "values"))
                                    .containsExactlyInAnyOrderElementsOf(HTTP_ROLES));
                    assertThat(maps(policy, "spec", "ingress").get(0).get("ports").toString()).contains("8080");
                });
        assertThat(policies).as("the management port is open to Prometheus")
                .anySatisfy(policy -> assertThat(maps(policy, "spec", "ingress")).anySatisfy(rule -> {
                    assertThat(rule.get("ports").toString()).contains("8081");
                    assertThat(rule).containsKey("from");
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void theGatewayRouteSendsEachPathToAServiceThatExists(String overlay) {
        List<Map<String, Object>> objects = Kustomize.build(DeployFiles.K8S.resolve(overlay));
        Set<String> services = objects.stream().filter(o -> "Service".equals(kind(o))).map(Nodes::name)
                .collect(Collectors.toSet());
        Map<String, Object> route = objects.stream().filter(o -> "HTTPRoute".equals(kind(o))).findFirst()
                .orElseThrow();

        assertThat(maps(route, "spec", "parentRefs")).isNotEmpty();
        for (Map<String, Object> rule : maps(route, "spec", "rules")) {
            assertThat(maps(rule, "matches")).isNotEmpty().allSatisfy(match -> {
                assertThat(string(match, "path", "type")).isIn("PathPrefix", "Exact");
                assertThat(string(match, "path", "value")).startsWith("/");
            });
            assertThat(maps(rule, "backendRefs")).isNotEmpty().allSatisfy(backend -> {
                assertThat(services).contains(string(backend, "name"));
                assertThat(backend).containsEntry("port", 80);
            });
        }
    }

    @Test
    void prodRunsSeveralReplicasAndTheSagaInstancesShareTheSegments() {
        List<Map<String, Object>> objects = Kustomize.build(DeployFiles.K8S.resolve("overlays/prod"));

        Map<String, Object> saga = deployment(objects, "saga");
        assertThat(at(saga, "spec", "replicas")).isEqualTo(2);
        // Each replica keeps a thread per segment (4 saga, 4 provider): the balancer shares them out, and a survivor
        // can take over every segment of a failed replica.
        assertThat(env(maps(saga, "spec", "template", "spec", "containers").get(0)))
                .containsEntry("ORDERS_SAGA_THREADS", "4").containsEntry("ORDERS_PAYMENT_PROVIDER_THREADS", "4");
        assertThat(objects).filteredOn(o -> "HorizontalPodAutoscaler".equals(kind(o)))
                .allSatisfy(hpa -> assertThat(at(hpa, "spec", "minReplicas")).isEqualTo(2));
        assertThat(map(objects.stream().filter(o -> "ConfigMap".equals(kind(o))).findFirst().orElseThrow(), "data"))
                .containsEntry("ORDERS_EMBEDDED", "false")
                .containsEntry("ORDERS_KAFKA_TOPIC_REPLICATION_FACTOR", "3");
        assertThat(objects).allSatisfy(object -> assertThat(string(object, "metadata", "namespace"))
                .isEqualTo("orders"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyRoleLogsJsonAndSendsItsTracesToTheCollectorUnderItsOwnName(String kustomization) {
        List<Map<String, Object>> objects = Kustomize.build(DeployFiles.K8S.resolve(kustomization));

        assertThat(map(objects.stream().filter(o -> "ConfigMap".equals(kind(o))).findFirst().orElseThrow(), "data"))
                .containsEntry("ORDERS_LOG_FORMAT", "json")
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318");
        for (Map<String, Object> deployment : ordersDeployments(objects)) {
            assertThat(env(maps(deployment, "spec", "template", "spec", "containers").get(0)))
                    .containsEntry("OTEL_SERVICE_NAME", "orders-" + role(deployment));
        }
    }

    @Test
    void theRendererRefusesWhatItDoesNotRender(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("kustomization.yaml"), "resources: []\nconfigMapGenerator: []\n");

        assertThatThrownBy(() -> Kustomize.build(directory)).hasMessageContaining("configMapGenerator");
    }

    private static List<Map<String, Object>> workloads(List<Map<String, Object>> objects) {
        return objects.stream().filter(object -> Set.of("Deployment", "StatefulSet").contains(kind(object)))
                .toList();
    }

    private static List<Map<String, Object>> ordersDeployments(List<Map<String, Object>> objects) {
        return workloads(objects).stream().filter(KubernetesManifestsTest::isOrders).toList();
    }

    private static boolean isOrders(Map<String, Object> workload) {
        return "orders".equals(string(workload, "spec", "template", "metadata", "labels", "app.kubernetes.io/name"));
    }

    private static Map<String, Object> deployment(List<Map<String, Object>> objects, String role) {
        return ordersDeployments(objects).stream().filter(deployment -> role.equals(role(deployment))).findFirst()
                .orElseThrow();
    }

    private static String role(Map<String, Object> deployment) {
        return string(deployment, "spec", "template", "metadata", "labels", "app.kubernetes.io/component");
    }

    private static Map<String, String> env(Map<String, Object> container) {
        return maps(container, "env").stream().filter(variable -> variable.containsKey("value"))
                .collect(Collectors.toMap(variable -> string(variable, "name"), variable -> string(variable, "value")));
    }

    /** The number of a container port given by name or number, or null when the container has no such port. */
    private static Integer containerPort(Map<String, Object> container, String nameOrNumber) {
        return maps(container, "ports").stream()
                .filter(port -> nameOrNumber.equals(string(port, "name"))
                        || nameOrNumber.equals(string(port, "containerPort")))
                .map(port -> (Integer) port.get("containerPort")).findFirst().orElse(null);
    }

    private static Object at(Object node, String... path) {
        return Nodes.at(node, path);
    }
}
