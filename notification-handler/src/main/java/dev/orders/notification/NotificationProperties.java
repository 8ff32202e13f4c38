package dev.orders.notification;

import dev.orders.platform.events.IntegrationTopics;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the customer notifications ({@code orders.notifications.*}); every one has a default. Where Kafka is
 * comes from {@code orders.kafka.bootstrap-servers}, shared with the publishing side.
 *
 * @param consumer how the integration events are read
 * @param mail     the e-mail channel (on only when {@code spring.mail.host} is set)
 * @param webhook  the webhook channel's limits
 */
@ConfigurationProperties("orders.notifications")
public record NotificationProperties(Consumer consumer, Mail mail, Webhook webhook) {

    public NotificationProperties {
        consumer = consumer == null ? new Consumer(null, null, null, null, null, null) : consumer;
        mail = mail == null ? new Mail(null, null, null, null) : mail;
        webhook = webhook == null ? new Webhook(null, null, null, null) : webhook;
    }

    /** Every setting at its default; for tests and hand-wiring. */
    public static NotificationProperties defaults() {
        return new NotificationProperties(null, null, null);
    }

    /**
     * The Kafka consumer of the integration events.
     *
     * @param enabled         whether the consumer runs at all (default true)
     * @param topic           the integration event topic (default {@code orders.events.v1})
     * @param deadLetterTopic where records go that cannot be processed (default {@code orders.events.v1.dlt})
     * @param groupId         the consumer group (default {@code orders-notifications})
     * @param autoOffsetReset where a new group starts: {@code earliest} (default) or {@code latest}
     * @param claimTimeout    how long a delivery in progress holds its (event, channel) claim; a redelivery waits
     *                        that long for it before sending itself, e.g. after a crash (default 2 min)
     */
    public record Consumer(Boolean enabled, String topic, String deadLetterTopic, String groupId,
                           String autoOffsetReset, Duration claimTimeout) {

        public Consumer {
            enabled = enabled == null || enabled;
            topic = topic == null || topic.isBlank() ? IntegrationTopics.ORDER_EVENTS : topic;
            deadLetterTopic = deadLetterTopic == null || deadLetterTopic.isBlank() ? IntegrationTopics.ORDER_EVENTS_DLT
                    : deadLetterTopic;
            groupId = groupId == null || groupId.isBlank() ? "orders-notifications" : groupId;
            autoOffsetReset = autoOffsetReset == null || autoOffsetReset.isBlank() ? "earliest" : autoOffsetReset;
            claimTimeout = claimTimeout == null ? Duration.ofMinutes(2) : claimTimeout;
        }
    }

    /**
     * The e-mail channel.
     *
     * @param from        the sender address (default {@code orders@localhost})
     * @param maxAttempts attempts per message when the server fails, the first included (default 3)
     * @param backoff     wait before the second attempt, doubled for each further one (default 1 s)
     * @param timeout     SMTP connect, read and write time-out unless {@code spring.mail.properties} set them
     *                    (default 10 s)
     */
    public record Mail(String from, Integer maxAttempts, Duration backoff, Duration timeout) {

        public Mail {
            from = from == null || from.isBlank() ? "orders@localhost" : from;
            maxAttempts = maxAttempts == null ? 3 : maxAttempts;
            backoff = backoff == null ? Duration.ofSeconds(1) : backoff;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }
    }

    /**
     * The webhook channel: signed POSTs, retried and guarded by a circuit breaker per endpoint URL.
     *
     * @param timeLimit      how long one attempt may take (default 5 s)
     * @param connectTimeout how long opening a connection may take (default 2 s)
     * @param retry          retries of attempts that failed with 5xx, a time-out or an I/O error
     * @param circuitBreaker when to stop calling an endpoint that keeps failing
     */
    public record Webhook(Duration timeLimit, Duration connectTimeout, Retry retry, CircuitBreaker circuitBreaker) {

        public Webhook {
            timeLimit = timeLimit == null ? Duration.ofSeconds(5) : timeLimit;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
            retry = retry == null ? new Retry(null, null, null, null) : retry;
            circuitBreaker = circuitBreaker == null ? new CircuitBreaker(null, null, null, null, null) : circuitBreaker;
        }
    }

    /**
     * Exponential back-off with jitter between attempts.
     *
     * @param maxAttempts    attempts in all, the first included (default 4)
     * @param initialBackoff wait before the second attempt (default 500 ms)
     * @param multiplier     growth of the wait per attempt (default 2)
     * @param jitter         randomisation factor of each wait, 0..1 (default 0.5)
     */
    public record Retry(Integer maxAttempts, Duration initialBackoff, Double multiplier, Double jitter) {

        public Retry {
            maxAttempts = maxAttempts == null ? 4 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofMillis(500) : initialBackoff;
            multiplier = multiplier == null ? 2.0 : multiplier;
            jitter = jitter == null ? 0.5 : jitter;
        }
    }

    /**
     * Count-based circuit breaker per endpoint URL over outages (5xx, time-outs, I/O errors; a 4xx is an answer).
     *
     * @param failureRateThreshold percentage of failed attempts that opens the circuit (default 50)
     * @param slidingWindowSize    attempts the rate is computed over (default 10)
     * @param minimumCalls         attempts needed before the rate counts (default 5)
     * @param waitInOpenState      how long the circuit stays open before the next attempt probes (default 30 s)
     * @param halfOpenCalls        probing attempts let through after the wait; the circuit closes when their failure
     *                             rate is below the threshold, else it opens again (default 10)
     */
    public record CircuitBreaker(Float failureRateThreshold, Integer slidingWindowSize, Integer minimumCalls,
                                 Duration waitInOpenState, Integer halfOpenCalls) {

        public CircuitBreaker {
            failureRateThreshold = failureRateThreshold == null ? 50f : failureRateThreshold;
            slidingWindowSize = slidingWindowSize == null ? 10 : slidingWindowSize;
            minimumCalls = minimumCalls == null ? 5 : minimumCalls;
            waitInOpenState = waitInOpenState == null ? Duration.ofSeconds(30) : waitInOpenState;
            halfOpenCalls = halfOpenCalls == null ? 10 : halfOpenCalls;
        }
    }
}
