package dev.orders.notification;

import dev.orders.platform.metrics.ResilienceRegistries;
import dev.orders.platform.persistence.ModuleSchema;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The notification module: customers' contacts, the Kafka consumer that notifies them by e-mail and signed webhooks,
 * the notification log and the dead-letter topic for what cannot be delivered. It uses no Axon: it reads the
 * integration events from Kafka like any outside consumer would. Its schema is migrated by every instance; the rest
 * runs only with the notification role.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = NotificationModuleConfiguration.class)
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationModuleConfiguration {

    @Bean
    public ModuleSchema notificationSchema() {
        return new ModuleSchema("notification", "classpath:db/migration/notification");
    }

    /** Off (every e-mail skipped) unless Boot configured a mail sender, i.e. {@code spring.mail.host} is set. */
    @Bean
    @ConditionalOnRole(InstanceRole.NOTIFICATION)
    MailChannel notificationMailChannel(ObjectProvider<JavaMailSender> mailSender,
                                        NotificationProperties properties) {
        return new MailChannel(mailSender.getIfAvailable(), properties.mail());
    }

    /** Built from Boot's WebClient.Builder, so that its calls are in {@code http.client.requests}. */
    @Bean
    @ConditionalOnRole(InstanceRole.NOTIFICATION)
    WebhookClient notificationWebhookClient(WebClient.Builder builder, NotificationProperties properties,
                                            ResilienceRegistries registries) {
        return WebhookClient.create(builder, properties.webhook(), Clock.systemUTC(), registries);
    }
}
