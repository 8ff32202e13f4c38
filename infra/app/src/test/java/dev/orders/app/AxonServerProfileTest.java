package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.autoconfig.AxonServerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The Axon Server connector as our configuration files set it up: off by default, on with the axonserver profile,
 * with its servers, context, token and TLS settings taken from the environment variables operators set. Axon
 * Server itself cannot run here; a plain socket stands in for it to show where the connector connects.
 */
class AxonServerProfileTest {

    private final ApplicationContextRunner axonServerConnector = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AxonServerAutoConfiguration.class))
            // What the rest of the application would bring: the connector reports on the event processors, and its
            // event scheduler serializes events.
            .withBean(EventProcessingConfiguration.class, EventProcessingModule::new)
            .withBean("eventSerializer", Serializer.class, () -> Mockito.mock(Serializer.class))
            .withUserConfiguration(ProcessorSettings.class);

    @EnableConfigurationProperties(EventProcessorProperties.class)
    static class ProcessorSettings {
    }

    @Test
    void withoutTheProfileThereIsNoConnector() {
        axonServerConnector
                .withInitializer(context -> configure(context.getEnvironment(), Map.of(
                        "AXON_AXONSERVER_SERVERS", "axonserver.example:8124"), false))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(AxonServerConnectionManager.class);
                    assertThat(context).doesNotHaveBean(AxonServerConfiguration.class);
                });
    }

    @Test
    void theProfileBindsServersContextAndTokenFromTheEnvironment() {
        axonServerConnector
                .withInitializer(context -> configure(context.getEnvironment(), Map.of(
                        "AXON_AXONSERVER_SERVERS", "axon-1.example:8124,axon-2.example:8124",
                        "AXON_AXONSERVER_CONTEXT", "orders-prod",
                        "AXON_AXONSERVER_TOKEN", "token-from-a-secret",
                        "ORDERS_ROLES", "saga"), true))
                .run(context -> {
                    assertThat(context).hasSingleBean(AxonServerConnectionManager.class);
                    AxonServerConfiguration configuration = context.getBean(AxonServerConfiguration.class);
                    assertThat(configuration.getServers()).isEqualTo("axon-1.example:8124,axon-2.example:8124");
                    assertThat(configuration.getContext()).isEqualTo("orders-prod");
                    assertThat(configuration.getToken()).isEqualTo("token-from-a-secret");
                    assertThat(configuration.isSslEnabled()).isFalse();
                    assertThat(configuration.getComponentName()).isEqualTo("orders-saga");
                });
    }

    /** With TLS on, the connector loads the trusted certificates from the configured file when it is built. */
    @Test
    void theProfileTakesTlsAndItsCertificateFileFromTheEnvironment(@TempDir Path directory) throws IOException {
        Path certificate = Files.writeString(directory.resolve("ca.crt"), "not a certificate");

        axonServerConnector
                .withInitializer(context -> configure(context.getEnvironment(), Map.of(
                        "AXON_AXONSERVER_SERVERS", "axon-1.example:8124",
                        "AXON_AXONSERVER_SSLENABLED", "true",
                        "AXON_AXONSERVER_CERTFILE", certificate.toString()), true))
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("does not contain valid certificates: " + certificate));
    }

    @Test
    void theProfileConnectsToTheConfiguredServer() throws IOException {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket axonServer = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                while (!axonServer.isClosed()) {
                    try (Socket ignored = axonServer.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "fake-axon-server");
            acceptor.setDaemon(true);
            acceptor.start();

            axonServerConnector
                    .withInitializer(context -> configure(context.getEnvironment(), Map.of(
                            "AXON_AXONSERVER_SERVERS", "127.0.0.1:" + axonServer.getLocalPort()), true))
                    .run(context -> {
                        AxonServerConnectionManager connector = context.getBean(AxonServerConnectionManager.class);
                        // Opens the connection in the background; it fails after the TCP connect, as nothing
                        // there speaks gRPC.
                        connector.getConnection();
                        Awaitility.await().atMost(Duration.ofSeconds(20))
                                .untilAsserted(() -> assertThat(connections).hasPositiveValue());
                    });
        }
    }

    /** application.yml, application-axonserver.yml when the profile is on, and the variables above both. */
    private static void configure(ConfigurableEnvironment environment, Map<String, Object> variables,
                                  boolean axonServerProfile) {
        try {
            YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
            List<PropertySource<?>> base = yaml.load("application.yml", new ClassPathResource("application.yml"));
            base.forEach(source -> environment.getPropertySources().addFirst(source));
            if (axonServerProfile) {
                environment.setActiveProfiles("axonserver");
                yaml.load("application-axonserver.yml", new ClassPathResource("application-axonserver.yml"))
                        .forEach(source -> environment.getPropertySources().addFirst(source));
            }
            // Named like the real one, so that Boot maps the variables as it does in a deployment.
            environment.getPropertySources().addFirst(
                    new SystemEnvironmentPropertySource("test-systemEnvironment", variables));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
