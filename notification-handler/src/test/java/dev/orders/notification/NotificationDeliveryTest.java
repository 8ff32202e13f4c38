package dev.orders.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.orders.api.order.OrderEvent.OrderShipped;
import dev.orders.api.order.OrderStatus;
import dev.orders.notification.NotificationDispatcher.ChannelOutcome;
import dev.orders.notification.NotificationDispatcher.DispatchResult;
import dev.orders.notification.NotificationLog.Claim;
import dev.orders.platform.persistence.DatabaseConfiguration;
import dev.orders.platform.persistence.DatabaseProperties;
import dev.orders.platform.persistence.JdbcScheduler;
import dev.orders.testkit.PostgresServer;
import dev.orders.testkit.TestPostgres;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** Claims, de-duplication and skips of the notification log against a real PostgreSQL, sending to a real endpoint. */
class NotificationDeliveryTest {

    private static final Duration LEASE = Duration.ofMinutes(2);

    private static HikariDataSource dataSource;
    private static NamedParameterJdbcTemplate jdbc;
    private static NotificationLog notificationLog;
    private static ContactStore contacts;
    private static JdbcScheduler jdbcScheduler;
    private static WebhookReceiver hooks;
    private static NotificationDispatcher dispatcher;

    @BeforeAll
    static void start() {
        PostgresServer postgres = TestPostgres.shared();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setUsername(postgres.username());
        dataSource.setPassword(postgres.password());
        dataSource.setMaximumPoolSize(4);
        // Same settings the platform migrates module schemas with.
        Flyway.configure().dataSource(dataSource).schemas("notification").defaultSchema("notification")
                .createSchemas(true).locations("classpath:db/migration/notification").load().migrate();
        jdbc = new NamedParameterJdbcTemplate(dataSource);
        DatabaseClient database = DatabaseClient.create(new PostgresqlConnectionFactory(
                DatabaseConfiguration.r2dbcConfiguration(new DatabaseProperties(postgres.jdbcUrl(),
                        postgres.username(), postgres.password(), null, null))));
        notificationLog = new NotificationLog(jdbc, database);
        contacts = new ContactStore(database, jdbc);
        jdbcScheduler = new JdbcScheduler(4);
        hooks = new WebhookReceiver();
        WebhookClient webhooks = WebhookClient.create(WebClient.builder(),
                NotificationProperties.defaults().webhook(), Clock.systemUTC());
        // No SMTP server configured: the e-mail channel is off.
        dispatcher = new NotificationDispatcher(contacts, notificationLog,
                new MailChannel(null, NotificationProperties.defaults().mail()), webhooks, jdbcScheduler,
                NotificationProperties.defaults());
    }

    @AfterAll
    static void stop() {
        hooks.close();
        jdbcScheduler.destroy();
        dataSource.close();
    }

    private static OrderNotice notice() {
        UUID order = UUID.randomUUID();
        return new OrderNotice(UUID.randomUUID().toString(), "dev.orders.order.OrderShipped", order, "alice",
                OrderStatus.SHIPPED, Instant.now(), new OrderShipped(order, "alice"), null, null);
    }

    private static Map<String, Object> row(OrderNotice notice, Channel channel) {
        return jdbc.queryForMap("SELECT * FROM notification.notification_log WHERE event_id = :e AND channel = :c",
                Map.of("e", notice.eventId(), "c", channel.name()));
    }

    @Test
    void onlyOneOfTwoClaimsForTheSameEventAndChannelWins() {
        OrderNotice notice = notice();

        Claim first = notificationLog.claim(notice, Channel.WEBHOOK, "https://a.example/hook", LEASE);
        Claim second = notificationLog.claim(notice, Channel.WEBHOOK, "https://a.example/hook", LEASE);
        Claim otherChannel = notificationLog.claim(notice, Channel.EMAIL, "a@example.com", LEASE);

        assertThat(first).isInstanceOf(Claim.Claimed.class);
        assertThat(second).as("in progress elsewhere").isInstanceOf(Claim.Busy.class);
        assertThat(otherChannel).isInstanceOf(Claim.Claimed.class);
        notificationLog.finish(((Claim.Claimed) first).id(), DeliveryStatus.SENT, 2, null);
        assertThat(notificationLog.claim(notice, Channel.WEBHOOK, "https://a.example/hook", LEASE))
                .isEqualTo(new Claim.Settled(DeliveryStatus.SENT));
        assertThat(row(notice, Channel.WEBHOOK)).containsEntry("status", "SENT").containsEntry("attempts", 2)
                .containsEntry("claimed_until", null);
    }

    @Test
    void failedDeliveriesAndExpiredOrReleasedClaimsMayBeClaimedAgain() {
        OrderNotice failed = notice();
        long id = ((Claim.Claimed) notificationLog.claim(failed, Channel.WEBHOOK, "u", LEASE)).id();
        notificationLog.finish(id, DeliveryStatus.FAILED, 3, "webhook answered HTTP 500 after 3 attempts");
        assertThat(notificationLog.claim(failed, Channel.WEBHOOK, "u", LEASE)).isEqualTo(new Claim.Claimed(id));
        notificationLog.finish(id, DeliveryStatus.SENT, 1, null);
        assertThat(row(failed, Channel.WEBHOOK)).containsEntry("attempts", 4).containsEntry("detail", null);

        OrderNotice crashed = notice();
        notificationLog.claim(crashed, Channel.EMAIL, "a@example.com", Duration.ZERO);
        assertThat(notificationLog.claim(crashed, Channel.EMAIL, "a@example.com", LEASE))
                .as("lease ran out").isInstanceOf(Claim.Claimed.class);

        OrderNotice interrupted = notice();
        long held = ((Claim.Claimed) notificationLog.claim(interrupted, Channel.EMAIL, "a", LEASE)).id();
        notificationLog.release(held);
        assertThat(notificationLog.claim(interrupted, Channel.EMAIL, "a", LEASE)).isEqualTo(new Claim.Claimed(held));
    }

    @Test
    void emailIsSkippedWhileTheChannelIsOffAndTheWebhookStillGoesOut() {
        String customer = "off-" + UUID.randomUUID();
        String hook = hooks.url("ok", customer);
        contacts.save(customer, "someone@example.com", hook).block();
        UUID order = UUID.randomUUID();
        OrderNotice notice = new OrderNotice(UUID.randomUUID().toString(), "dev.orders.order.OrderShipped", order,
                customer, OrderStatus.SHIPPED, Instant.now(), new OrderShipped(order, customer), null, null);

        DispatchResult result = dispatcher.dispatch(notice).block(Duration.ofSeconds(10));

        assertThat(result.channels()).extracting(ChannelOutcome::channel, ChannelOutcome::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(Channel.EMAIL, DeliveryStatus.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple(Channel.WEBHOOK, DeliveryStatus.SENT));
        assertThat(result.firstFailure()).isEmpty();
        assertThat(row(notice, Channel.EMAIL)).containsEntry("status", "SKIPPED")
                .containsEntry("detail", "e-mail channel is off (spring.mail.host is not set)");
        assertThat(hooks.requestsTo(hook)).hasSize(1);
    }

    @Test
    void theSameEventHandledTwiceAtOnceIsSentOnce() {
        String customer = "twice-" + UUID.randomUUID();
        String hook = hooks.url("ok", customer);
        contacts.save(customer, null, hook).block();
        UUID order = UUID.randomUUID();
        OrderNotice notice = new OrderNotice(UUID.randomUUID().toString(), "dev.orders.order.OrderShipped", order,
                customer, OrderStatus.SHIPPED, Instant.now(), new OrderShipped(order, customer), null, null);

        List<DispatchResult> results = Mono.zip(dispatcher.dispatch(notice), dispatcher.dispatch(notice),
                (a, b) -> List.of(a, b)).block(Duration.ofSeconds(20));

        assertThat(hooks.requestsTo(hook)).hasSize(1);
        assertThat(results).flatExtracting(DispatchResult::channels)
                .filteredOn(outcome -> outcome.channel() == Channel.WEBHOOK)
                .extracting(ChannelOutcome::status)
                .containsExactlyInAnyOrder(DeliveryStatus.SENT, null);
        assertThat(notificationLog.findByOrder(order).collectList().block()).hasSize(2);
    }

    @Test
    void aSentWebhookIsRecordedOnceTheDatabaseIsBackInsteadOfSentAgainAfterTheLease() {
        String customer = "restart-" + UUID.randomUUID();
        String hook = hooks.url("ok", customer);
        contacts.save(customer, null, hook).block();
        AtomicInteger failures = new AtomicInteger(2);
        DatabaseClient database = DatabaseClient.create(new PostgresqlConnectionFactory(
                DatabaseConfiguration.r2dbcConfiguration(new DatabaseProperties(TestPostgres.shared().jdbcUrl(),
                        TestPostgres.shared().username(), TestPostgres.shared().password(), null, null))));
        NotificationLog restarting = new NotificationLog(jdbc, database) {
            @Override
            void finish(long id, DeliveryStatus status, int attempts, String detail) {
                if (status == DeliveryStatus.SENT && failures.getAndDecrement() > 0) {
                    throw new DataAccessResourceFailureException("the database is restarting");
                }
                super.finish(id, status, attempts, detail);
            }
        };
        NotificationDispatcher dispatcherDuringRestart = new NotificationDispatcher(contacts, restarting,
                new MailChannel(null, NotificationProperties.defaults().mail()),
                WebhookClient.create(WebClient.builder(), NotificationProperties.defaults().webhook(),
                        Clock.systemUTC()), jdbcScheduler, NotificationProperties.defaults());
        UUID order = UUID.randomUUID();
        OrderNotice notice = new OrderNotice(UUID.randomUUID().toString(), "dev.orders.order.OrderShipped", order,
                customer, OrderStatus.SHIPPED, Instant.now(), new OrderShipped(order, customer), null, null);

        DispatchResult result = dispatcherDuringRestart.dispatch(notice).block(Duration.ofSeconds(20));

        assertThat(result.channels()).filteredOn(outcome -> outcome.channel() == Channel.WEBHOOK)
                .extracting(ChannelOutcome::status).containsExactly(DeliveryStatus.SENT);
        assertThat(hooks.requestsTo(hook)).hasSize(1);
        assertThat(row(notice, Channel.WEBHOOK)).containsEntry("status", "SENT");
        assertThat(failures.get()).isNegative();
    }
}
