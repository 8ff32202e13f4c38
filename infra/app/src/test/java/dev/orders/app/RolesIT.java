package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.inventory.CatalogueQuery.CatalogueEntries;
import dev.orders.api.inventory.CatalogueQuery.FindCatalogueEntries;
import dev.orders.platform.roles.InstanceRole;
import dev.orders.testkit.PostgresServer;
import dev.orders.testkit.TestPostgres;
import dev.orders.testkit.kafka.TestKafka;
import dev.orders.testkit.paymentsim.PaymentProviderSimulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.awaitility.Awaitility;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * One instance per role: it runs that role's event processors, aggregates, query handlers, endpoints and Kafka
 * consumer, and nothing of the other roles. None of them connects to Axon Server, although one is configured: the
 * connector is off without the axonserver profile.
 */
class RolesIT {

    /** What an instance of one role runs. */
    record Expected(Set<String> processors, Set<String> aggregates, boolean answersCatalogueQueries,
                    Set<String> endpoints) {
    }

    static final Map<InstanceRole, Expected> EXPECTED = new EnumMap<>(Map.of(
            InstanceRole.COMMAND, new Expected(Set.of(), Set.of("Order"), true, Set.of(
                    "POST /api/v1/orders",
                    "POST /api/v1/orders/{orderId}/cancel",
                    "POST /api/v1/orders/{orderId}/ship",
                    "POST /api/v1/orders/{orderId}/deliver")),
            InstanceRole.QUERY, new Expected(Set.of("order-view"), Set.of(), false, Set.of(
                    "GET /api/v1/orders",
                    "GET /api/v1/orders/{id}",
                    "GET /api/v1/orders/{id}/history",
                    "GET /api/v1/orders/{id}/updates",
                    "GET /api/v1/orders/updates",
                    "GET /api/v1/events",
                    "GET /api/v1/events/stats",
                    "GET /api/v1/admin/projections",
                    "GET /api/v1/admin/projections/{name}",
                    "POST /api/v1/admin/projections/{name}/rebuild")),
            InstanceRole.SAGA, new Expected(
                    Set.of("OrderFulfilmentSagaProcessor", "payment-provider", "kafka-publisher"),
                    Set.of("Order", "StockItem", "Payment"), false, Set.of()),
            InstanceRole.INVENTORY, new Expected(Set.of("inventory-catalogue"), Set.of("StockItem"), true, Set.of(
                    "GET /api/v1/products",
                    "GET /api/v1/products/{sku}",
                    "POST /api/v1/products",
                    "POST /api/v1/products/{sku}/restock")),
            InstanceRole.NOTIFICATION, new Expected(Set.of(), Set.of(), false, Set.of(
                    "GET /api/v1/notifications",
                    "GET /api/v1/notifications/contacts/{customerId}",
                    "PUT /api/v1/notifications/contacts/{customerId}"))));

    /** A request only the given role answers (others: 404 or 405), and the status it answers with. */
    private record Probe(HttpMethod method, String uri, int status) {

        /** Orders are placed by customers; everything else here is open to staff. */
        String token() {
            return method == HttpMethod.POST ? TestTokens.customer("prober") : TestTokens.staff();
        }
    }

    private static final Map<InstanceRole, Probe> PROBES = new EnumMap<>(Map.of(
            // An empty order is refused by validation, which only the command role's endpoint runs.
            InstanceRole.COMMAND, new Probe(HttpMethod.POST, "/api/v1/orders", 400),
            InstanceRole.QUERY, new Probe(HttpMethod.GET, "/api/v1/orders?customerId=nobody", 200),
            InstanceRole.INVENTORY, new Probe(HttpMethod.GET, "/api/v1/products", 200),
            InstanceRole.NOTIFICATION,
            new Probe(HttpMethod.GET, "/api/v1/notifications?orderId=" + UUID.randomUUID(), 200)));

    private static final String GROUP_ID = "roles-it-" + UUID.randomUUID();

    private static PostgresServer database;
    private static PaymentProviderSimulator simulator;
    private static ServerSocket fakeAxonServer;
    private static final AtomicInteger axonServerConnections = new AtomicInteger();

    @BeforeAll
    static void infrastructure() throws IOException {
        System.setProperty("axoniq.update-checker.disabled", "true");
        database = TestPostgres.freshDatabase("roles");
        simulator = PaymentProviderSimulator.start(0);
        fakeAxonServer = new ServerSocket(0);
        Thread acceptor = new Thread(() -> {
            while (!fakeAxonServer.isClosed()) {
                try (Socket ignored = fakeAxonServer.accept()) {
                    axonServerConnections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "fake-axon-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void stop() throws IOException {
        fakeAxonServer.close();
        simulator.close();
    }

    @ParameterizedTest
    @EnumSource(InstanceRole.class)
    void anInstanceRunsItsRoleAndNothingElse(InstanceRole role) throws Exception {
        try (ConfigurableApplicationContext instance = start(role)) {
            Expected expected = EXPECTED.get(role);
            Configuration axon = instance.getBean(Configuration.class);

            assertThat(axon.eventProcessingConfiguration().eventProcessors().keySet())
                    .as("event processors").containsExactlyInAnyOrderElementsOf(expected.processors());
            assertThat(axon.findModules(AggregateConfiguration.class).stream()
                    .map(aggregate -> aggregate.aggregateType().getSimpleName()).toList())
                    .as("aggregates").containsExactlyInAnyOrderElementsOf(expected.aggregates());
            assertThat(answersCatalogueQueries(instance)).as("catalogue query handler")
                    .isEqualTo(expected.answersCatalogueQueries());
            assertThat(endpoints(instance)).as("endpoints").containsExactlyInAnyOrderElementsOf(expected.endpoints());
            assertThat(instance.containsBean("deadlineSchedulerLifecycle")).as("deadline scheduler")
                    .isEqualTo(role == InstanceRole.SAGA);
            assertThat(instance.containsBean("integrationEventPublisher")).as("Kafka publisher")
                    .isEqualTo(role == InstanceRole.SAGA);

            WebTestClient http = http(instance);
            PROBES.forEach((owner, probe) -> {
                WebTestClient.RequestBodySpec request = http.method(probe.method()).uri(probe.uri())
                        .headers(headers -> headers.setBearerAuth(probe.token()));
                int status = (probe.method() == HttpMethod.GET ? request
                        : request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}"))
                        .exchange().returnResult(byte[].class).getStatus().value();
                if (owner == role) {
                    assertThat(status).as("%s %s", probe.method(), probe.uri()).isEqualTo(probe.status());
                } else {
                    assertThat(status).as("%s %s", probe.method(), probe.uri()).isIn(404, 405);
                }
            });
            assertNotificationConsumer(role == InstanceRole.NOTIFICATION);
            WebTestClient staff = http.mutate().defaultHeaders(headers -> headers.setBearerAuth(TestTokens.staff()))
                    .build();
            staff.get().uri("/actuator/info").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.roles").isEqualTo(List.of(role.id()));
            staff.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                    .expectBody(String.class).value(metrics -> assertThat(metrics)
                            .contains("jvm_memory_used_bytes{")
                            .contains("roles=\"" + role.id() + "\"")
                            .contains("http_server_requests_seconds_bucket{"));

            assertThat(instance.getBeanProvider(AxonServerConnectionManager.class).getIfAvailable()).isNull();
            assertThat(axonServerConnections).as("connections to Axon Server").hasValue(0);
        }
    }

    /**
     * Both gateways of the split deployment (the Kubernetes HTTPRoute, the compose nginx) send every endpoint to the
     * role that serves it; the endpoint lists are the ones the instances above are checked against.
     */
    @Test
    void theGatewaysSendEveryEndpointToItsRole() {
        EXPECTED.forEach((role, expected) -> expected.endpoints().forEach(endpoint -> {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x1");
            assertThat(GatewayRoutes.httpRouteBackend(method, path)).as("HTTPRoute for %s", endpoint)
                    .isEqualTo("orders-" + role.id());
            assertThat(GatewayRoutes.nginxUpstream(method, path)).as("nginx for %s", endpoint)
                    .isEqualTo("orders_" + role.id());
        }));
        // The page and anything else no role claims go to the query role, which serves the SSE the page reads.
        assertThat(GatewayRoutes.httpRouteBackend("GET", "/")).isEqualTo("orders-query");
        assertThat(GatewayRoutes.nginxUpstream("GET", "/")).isEqualTo("orders_query");
    }

    private static ConfigurableApplicationContext start(InstanceRole role) {
        return new SpringApplicationBuilder(OrdersApplication.class, PrivateNettyResources.class)
                .properties(Map.ofEntries(
                        Map.entry("PORT", "0"),
                        Map.entry("orders.roles", role.id()),
                        Map.entry("spring.datasource.url", database.jdbcUrl()),
                        Map.entry("spring.datasource.username", database.username()),
                        Map.entry("spring.datasource.password", database.password()),
                        Map.entry("PAYMENT_PROVIDER_URL", simulator.baseUrl()),
                        Map.entry("KAFKA_BOOTSTRAP_SERVERS", TestKafka.shared().bootstrapServers()),
                        Map.entry("orders.notifications.consumer.group-id", GROUP_ID),
                        Map.entry("ORDERS_JWT_SECRET", TestTokens.SECRET),
                        // Configured, yet never contacted: the connector stays off without the axonserver profile.
                        Map.entry("axon.axonserver.servers", "127.0.0.1:" + fakeAxonServer.getLocalPort())))
                .run();
    }

    /** The endpoints of the feature modules (the platform's own, present in every role, are left out). */
    private static Set<String> endpoints(ConfigurableApplicationContext instance) {
        Set<String> endpoints = new TreeSet<>();
        Map<RequestMappingInfo, HandlerMethod> handlers =
                instance.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                        .getHandlerMethods();
        handlers.forEach((info, handler) -> {
            String type = handler.getBeanType().getName();
            if (type.startsWith("dev.orders.") && !type.startsWith("dev.orders.platform.")) {
                info.getMethodsCondition().getMethods().forEach(method -> info.getPatternsCondition().getPatterns()
                        .forEach(pattern -> endpoints.add(method.name() + " " + pattern.getPatternString())));
            }
        });
        return endpoints;
    }

    private static boolean answersCatalogueQueries(ConfigurableApplicationContext instance) {
        try {
            instance.getBean(QueryGateway.class)
                    .query(new FindCatalogueEntries(Set.of("NO-SUCH-SKU")), CatalogueEntries.class)
                    .get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(NoHandlerForQueryException.class);
            return false;
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The notification consumer joins its group within seconds where it runs, and never elsewhere. */
    private static void assertNotificationConsumer(boolean expected) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestKafka.shared().bootstrapServers()))) {
            if (expected) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(members(admin)).isPositive());
            } else {
                assertThat(members(admin)).isZero();
            }
        }
    }

    private static int members(Admin admin) throws Exception {
        try {
            Collection<ConsumerGroupDescription> groups = admin.describeConsumerGroups(List.of(GROUP_ID)).all()
                    .get(10, TimeUnit.SECONDS).values();
            return groups.stream().mapToInt(group -> group.members().size()).sum();
        } catch (ExecutionException e) {
            // Kafka 4 knows no group that no consumer ever joined.
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw e;
        }
    }

    private static WebTestClient http(ConfigurableApplicationContext instance) {
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }
}
