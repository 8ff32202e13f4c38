package dev.orders.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class NotificationPropertiesTest {

    @EnableConfigurationProperties(NotificationProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class);

    @Test
    void everySettingHasADefault() {
        context.run(app -> {
            NotificationProperties settings = app.getBean(NotificationProperties.class);
            assertThat(settings.consumer().enabled()).isTrue();
            assertThat(settings.consumer().topic()).isEqualTo("orders.events.v1");
            assertThat(settings.consumer().deadLetterTopic()).isEqualTo("orders.events.v1.dlt");
            assertThat(settings.consumer().groupId()).isEqualTo("orders-notifications");
            assertThat(settings.consumer().autoOffsetReset()).isEqualTo("earliest");
            assertThat(settings.consumer().claimTimeout()).isEqualTo(Duration.ofMinutes(2));
            assertThat(settings.mail().from()).isEqualTo("orders@localhost");
            assertThat(settings.mail().maxAttempts()).isEqualTo(3);
            assertThat(settings.webhook().timeLimit()).isEqualTo(Duration.ofSeconds(5));
            assertThat(settings.webhook().retry().maxAttempts()).isEqualTo(4);
            assertThat(settings.webhook().retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
            assertThat(settings.webhook().circuitBreaker().waitInOpenState()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void settingsAreTunable() {
        context.withPropertyValues("orders.notifications.consumer.group-id=other",
                        "orders.notifications.mail.from=shop@example.com",
                        "orders.notifications.webhook.retry.max-attempts=2",
                        "orders.notifications.webhook.time-limit=750ms")
                .run(app -> {
                    NotificationProperties settings = app.getBean(NotificationProperties.class);
                    assertThat(settings.consumer().groupId()).isEqualTo("other");
                    assertThat(settings.mail().from()).isEqualTo("shop@example.com");
                    assertThat(settings.webhook().retry().maxAttempts()).isEqualTo(2);
                    assertThat(settings.webhook().retry().jitter()).isEqualTo(0.5);
                    assertThat(settings.webhook().timeLimit()).isEqualTo(Duration.ofMillis(750));
                });
    }
}
