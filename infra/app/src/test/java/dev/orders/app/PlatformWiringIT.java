package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.test.util.ReflectionTestUtils;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The wiring that silently goes wrong on this stack unless it is pinned and proven. */
class PlatformWiringIT extends IntegrationTest {

    @Autowired
    Configuration axon;

    @Autowired
    JdbcTransactionManager jdbcTransactionManager;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void axonRunsInsideTheJdbcTransactionManager() {
        TransactionManager used = axon.getComponent(TransactionManager.class);

        assertThat(used).isInstanceOf(SpringTransactionManager.class);
        assertThat(ReflectionTestUtils.getField(used, "transactionManager")).isSameAs(jdbcTransactionManager);
        EventStorageEngine engine = axon.getComponent(EventStorageEngine.class);
        assertThat(engine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(ReflectionTestUtils.getField(engine, "transactionManager")).isSameAs(used);
    }

    @Test
    void deadlinesAreDurableInPostgres() {
        assertThat(axon.getComponent(DeadlineManager.class)).isInstanceOf(DbSchedulerDeadlineManager.class);

        String sku = OrdersClient.unique("DEADLINE");
        orders.createProduct(sku, 100, 3);
        // A slow card keeps the order waiting for the provider: its time-out is then a row in the database.
        UUID orderId = orders.place(OrdersClient.unique("waiter"), "deadline", Map.of(sku, 1), "tok_slow");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from axon.scheduled_tasks where task_name = 'AxonDeadline'", Integer.class))
                .isPositive());
        orders.awaitStatus(orderId, "REJECTED");
    }

    @Test
    void aSecondAppendAtTheSameSequenceIsAConcurrencyConflict() {
        // Retried by the command gateway; any other exception type would end the command (and reject orders).
        EventStorageEngine engine = axon.getComponent(EventStorageEngine.class);
        String aggregateId = "conflict-" + UUID.randomUUID();
        engine.appendEvents(new GenericDomainEventMessage<>("Probe", aggregateId, 0, "created"));
        engine.appendEvents(new GenericDomainEventMessage<>("Probe", aggregateId, 1, "first writer"));

        assertThatThrownBy(() -> engine.appendEvents(
                new GenericDomainEventMessage<>("Probe", aggregateId, 1, "second writer")))
                .isInstanceOf(ConcurrencyException.class);
        jdbc.update("delete from axon.domainevententry where aggregateidentifier = ?", aggregateId);
    }

    @Test
    void aSecondCreationOfOneAggregateIsAStreamCreationConflict() {
        // Concurrent repeats of one Idempotency-Key end here; the command gateway retries this type too, and the
        // retry finds the winner's aggregate. Any other type would answer the repeat with a 500.
        EventStorageEngine engine = axon.getComponent(EventStorageEngine.class);
        String aggregateId = "creation-" + UUID.randomUUID();
        engine.appendEvents(new GenericDomainEventMessage<>("Probe", aggregateId, 0, "first creator"));

        assertThatThrownBy(() -> engine.appendEvents(
                new GenericDomainEventMessage<>("Probe", aggregateId, 0, "second creator")))
                .isInstanceOf(AggregateStreamCreationException.class);
        jdbc.update("delete from axon.domainevententry where aggregateidentifier = ?", aggregateId);
    }

    @Test
    void commandsRunInTransactionsOfTheirOwn() {
        // Sent from a saga, a command on Axon's default bus would hold its aggregate's lock until the saga commits.
        assertThat(axon.commandBus()).isInstanceOf(AsynchronousCommandBus.class);
        assertThat(ReflectionTestUtils.getField(axon.commandBus(), "transactionManager"))
                .isSameAs(axon.getComponent(TransactionManager.class));
    }

    @Test
    void cancellingADeadlineThatIsFiringIsNotAnError() {
        // A row picked by a scheduler thread is a deadline firing right now; Axon's own manager throws on it.
        String scheduleId = UUID.randomUUID().toString();
        jdbc.update("insert into axon.scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,"
                + " version) values ('AxonDeadline', ?, now(), true, 'elsewhere', 1)", scheduleId);
        DeadlineManager deadlines = axon.getComponent(DeadlineManager.class);

        deadlines.cancelSchedule("order-fulfilment-timeout", scheduleId);
        deadlines.cancelSchedule("order-fulfilment-timeout", UUID.randomUUID().toString());

        assertThat(jdbc.queryForObject("select picked from axon.scheduled_tasks where task_instance = ?",
                Boolean.class, scheduleId)).isTrue();
        jdbc.update("delete from axon.scheduled_tasks where task_instance = ?", scheduleId);
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/orders']").exists()
                .jsonPath("$.paths['/api/v1/products']").exists()
                .jsonPath("$.paths['/api/v1/orders/{orderId}/ship']").exists();
    }

    @Test
    void livenessAndReadinessAnswer() {
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void blockHoundCatchesBlockingOnNonBlockingThreads() {
        assertThatThrownBy(() -> Mono.fromCallable(() -> {
                    Thread.sleep(1);
                    return 1;
                }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(5)))
                .hasMessageContaining("Blocking call");
    }
}
