package dev.orders.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.api.Money;
import dev.orders.api.error.ConflictException;
import dev.orders.api.error.NotFoundException;
import dev.orders.api.inventory.InventoryEvent.StockRestocked;
import dev.orders.api.order.OrderEvent;
import dev.orders.api.order.OrderEvent.OrderCancelled;
import dev.orders.api.order.OrderEvent.OrderConfirmed;
import dev.orders.api.order.OrderEvent.OrderDelivered;
import dev.orders.api.order.OrderEvent.OrderPlaced;
import dev.orders.api.order.OrderEvent.OrderRejected;
import dev.orders.api.order.OrderEvent.OrderShipped;
import dev.orders.api.order.OrderEvent.OrderStockReserved;
import dev.orders.api.order.OrderLine;
import dev.orders.api.order.OrderStatus;
import dev.orders.api.order.RejectionReason;
import dev.orders.query.ProjectionStatus.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import reactor.core.scheduler.Schedulers;

/**
 * The rebuild against a real event store and read model: a simulated live processor applies events with the real
 * projection (and may move on, or leave gaps, while the rebuild runs), then the rebuilt table must equal the live one.
 */
class ProjectionRebuildDatabaseTest {

    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
    private static final ProjectionRebuild.Settings SMALL_PAGES =
            new ProjectionRebuild.Settings(7, Duration.ZERO, Duration.ofSeconds(5));

    private TestDatabase database;
    private OrderProjection projection;
    private List<ReplayedEvent> stored;

    @BeforeEach
    void storeOrders() {
        database = TestDatabase.create("rebuild");
        projection = new OrderProjection(database.namedJdbc);
        List<List<OrderEvent>> orders = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            orders.add(lifecycle(UUID.randomUUID(), "customer-" + (i % 4), i));
        }
        // Interleaved, as orders really are: one step of each order in turn.
        List<GenericDomainEventMessage<OrderEvent>> messages = new ArrayList<>();
        Instant at = T0;
        for (int step = 0; step < 6; step++) {
            for (List<OrderEvent> order : orders) {
                if (step < order.size()) {
                    at = at.plusMillis(7);
                    OrderEvent event = order.get(step);
                    messages.add(new GenericDomainEventMessage<>("Order", event.orderId().toString(), step, event,
                            MetaData.emptyInstance(), UUID.randomUUID().toString(), at));
                }
            }
        }
        // Events of other aggregates in between are not the order view's business.
        database.append(messages.toArray(GenericDomainEventMessage[]::new));
        database.append(new GenericDomainEventMessage<>("StockItem", "SKU-X", 0,
                new StockRestocked("SKU-X", 1, 1, 0)));
        stored = replay().page(new OrderViewRebuild().payloadTypes(), -1, Long.MAX_VALUE, 10_000);
        assertThat(stored).hasSize(messages.size());
    }

    @Test
    void rebuiltReadModelEqualsTheLiveOneAndTheChangeLogIsUntouched() {
        SimulatedProcessor live = new SimulatedProcessor();
        live.processUpTo(stored.size());
        List<OrderView> before = views();
        Set<String> indexes = indexNames();
        List<Map<String, Object>> changeLog = changeLog();
        // A broken row the rebuild must repair: the rebuild reads the events, not the old table.
        database.jdbc.update("UPDATE order_query.orders SET status = 'LOST', total_cents = -1 "
                + "WHERE order_id = (SELECT order_id FROM order_query.orders ORDER BY order_id LIMIT 1)");

        ProjectionRebuild rebuild = rebuild(live);
        assertThat(rebuild.begin()).isTrue();
        rebuild.run(SMALL_PAGES);

        ProjectionStatus status = rebuild.status();
        assertThat(status.state()).as("status %s", status).isEqualTo(State.DONE);
        assertThat(status.events()).isEqualTo(stored.size());
        assertThat(status.percent()).isEqualTo(100.0);
        assertThat(status.position()).isEqualTo(stored.get(stored.size() - 1).position());
        assertThat(status.finishedAt()).isAfterOrEqualTo(status.startedAt());
        assertThat(views()).isEqualTo(before);
        assertThat(indexNames()).isEqualTo(indexes);
        assertThat(changeLog()).isEqualTo(changeLog);
        assertThat(tableExists("orders_rebuild")).isFalse();
        assertThat(live.pauses).isEqualTo(1);
        assertThat(live.resumes).isEqualTo(1);
    }

    @Test
    void followsALiveProcessorThatMovesOnAndLeavesGapsToIt() {
        SimulatedProcessor live = new SimulatedProcessor();
        live.processUpTo(20);
        // Every call to position() lets the live processor handle a few more events, as it would meanwhile.
        live.advancePerCall = 9;
        // An event the live processor saw as not yet committed: it handles it once it appears, after the swap.
        ReplayedEvent gap = stored.get(25);
        live.gaps.add(gap.position());

        ProjectionRebuild rebuild = rebuild(live);
        rebuild.begin();
        rebuild.run(SMALL_PAGES);

        assertThat(rebuild.status().state()).isEqualTo(State.DONE);
        assertThat(live.processed).isLessThan(stored.size());
        // The rebuilt table holds exactly what the live processor had handled when it was paused...
        assertThat(views()).isEqualTo(expectedViews(live));
        // ...and the resumed processor carries on, change log included, as if nothing had happened.
        int changes = changeLog().size();
        live.gaps.clear();
        live.apply(gap);
        live.advancePerCall = 0;
        live.processUpTo(stored.size());
        assertThat(views()).isEqualTo(expectedViews(live));
        assertThat(changeLog()).hasSize(changes + 1 + (stored.size() - live.processedAtPause));
        assertThat(changeLog()).extracting(row -> row.get("order_id").toString() + "#" + row.get("sequence"))
                .doesNotHaveDuplicates().hasSize(stored.size());
    }

    @Test
    void aFailedRebuildLeavesTheLiveTableAsItWasAndResumesTheProcessor() {
        SimulatedProcessor live = new SimulatedProcessor();
        live.processUpTo(stored.size());
        List<OrderView> before = views();
        RebuildTarget orders = new OrderViewRebuild();
        RebuildTarget broken = new RebuildTarget() {
            @Override
            public String name() {
                return orders.name();
            }

            @Override
            public String table() {
                return orders.table();
            }

            @Override
            public Set<String> payloadTypes() {
                return orders.payloadTypes();
            }

            @Override
            public void apply(NamedParameterJdbcTemplate jdbc, String table, List<ReplayedEvent> events) {
                orders.apply(jdbc, table, events);
                if (events.stream().anyMatch(event -> event.position() >= stored.get(40).position())) {
                    throw new IllegalStateException("disk full");
                }
            }
        };
        ProjectionRebuild rebuild = new ProjectionRebuild(broken, replay(), live,
                new ShadowTable(database.jdbc, database.transaction, OrderRows.TABLE), database.namedJdbc,
                database.transaction, Clock.systemUTC());

        rebuild.begin();
        rebuild.run(SMALL_PAGES);

        ProjectionStatus status = rebuild.status();
        assertThat(status.state()).isEqualTo(State.FAILED);
        assertThat(status.error()).isEqualTo("disk full");
        assertThat(status.etaSeconds()).isNull();
        assertThat(views()).isEqualTo(before);
        assertThat(tableExists("orders_rebuild")).isFalse();
        assertThat(live.resumes).isEqualTo(live.pauses);
        // A failed rebuild can be tried again.
        assertThat(rebuild.begin()).isTrue();
    }

    @Test
    void aProcessorThatDoesNotResumeEndsTheRebuildAsFailedNotStuck() {
        SimulatedProcessor live = new SimulatedProcessor();
        live.processUpTo(stored.size());
        live.onResume = () -> {
            throw new NoClassDefFoundError("org/axonframework/eventhandling/RemovedTrackerStatus");
        };
        ProjectionRebuild rebuild = rebuild(live);

        rebuild.begin();
        rebuild.run(SMALL_PAGES);

        ProjectionStatus status = rebuild.status();
        assertThat(status.state()).isEqualTo(State.FAILED);
        assertThat(status.error()).startsWith("swapped in, but the live processor did not resume: ")
                .contains("RemovedTrackerStatus");
        assertThat(tableExists("orders_rebuild")).isFalse();
        assertThat(views()).isEqualTo(expectedViews(live));
    }

    @Test
    void onlyOneRebuildRunsAtATimeAcrossInstances() throws Exception {
        SimulatedProcessor live = new SimulatedProcessor();
        live.processUpTo(stored.size());
        CountDownLatch release = new CountDownLatch(1);
        live.onPause = () -> await(release);
        ProjectionRebuilds first = rebuilds(live);
        ProjectionRebuilds second = rebuilds(new SimulatedProcessor());
        try {
            assertThatThrownBy(() -> first.start("inventory-catalogue", SMALL_PAGES).block())
                    .isInstanceOf(NotFoundException.class);

            ProjectionStatus started = first.start("order-view", SMALL_PAGES).block();
            assertThat(started.state()).isEqualTo(State.REBUILDING);
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> first.status("order-view").state() == State.SWAPPING);

            assertThatThrownBy(() -> first.start("order-view", SMALL_PAGES).block())
                    .isInstanceOf(ConflictException.class).hasMessageContaining("already running");
            // Another instance on the same database is refused by the advisory lock.
            assertThatThrownBy(() -> second.start("order-view", SMALL_PAGES).block())
                    .isInstanceOf(ConflictException.class);
            assertThat(second.status("order-view").state()).isEqualTo(State.IDLE);

            release.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> first.status("order-view").state() == State.DONE);
            assertThat(second.start("order-view", SMALL_PAGES).block().state()).isEqualTo(State.REBUILDING);
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> second.status("order-view").state() == State.DONE);
        } finally {
            release.countDown();
            first.destroy();
            second.destroy();
        }
    }

    private ProjectionRebuild rebuild(LiveProcessor live) {
        return new ProjectionRebuild(new OrderViewRebuild(), replay(), live,
                new ShadowTable(database.jdbc, database.transaction, OrderRows.TABLE), database.namedJdbc,
                database.transaction, Clock.systemUTC());
    }

    private ProjectionRebuilds rebuilds(LiveProcessor live) {
        return new ProjectionRebuilds(database.dataSource, Schedulers.boundedElastic(), SMALL_PAGES,
                List.of(rebuild(live)));
    }

    private EventReplay replay() {
        return new EventReplay(database.jdbc, () -> database.serializer);
    }

    /** What the live processor's table should hold: the fold of exactly the events it has handled. */
    private List<OrderView> expectedViews(SimulatedProcessor live) {
        Map<UUID, OrderView> views = new TreeMap<>(Comparator.comparing(UUID::toString));
        for (ReplayedEvent event : stored) {
            if (live.handled.contains(event.position())) {
                OrderEvent order = (OrderEvent) event.payload();
                views.put(order.orderId(), OrderViews.applyIfNew(views.get(order.orderId()), order, event.sequence(),
                        event.timestamp()));
            }
        }
        return List.copyOf(views.values());
    }

    private List<OrderView> views() {
        return database.jdbc.query("SELECT " + OrderRows.COLUMNS + " FROM order_query.orders ORDER BY order_id",
                (row, n) -> OrderRows.view(row::getObject));
    }

    private List<Map<String, Object>> changeLog() {
        return database.jdbc.queryForList("SELECT position, order_id, sequence, status, view::text AS view "
                + "FROM order_query.order_changes ORDER BY position");
    }

    private Set<String> indexNames() {
        return new TreeSet<>(database.jdbc.queryForList("SELECT indexname FROM pg_indexes "
                + "WHERE schemaname = 'order_query' AND tablename = 'orders'", String.class));
    }

    private boolean tableExists(String table) {
        return Boolean.TRUE.equals(database.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM pg_tables "
                + "WHERE schemaname = 'order_query' AND tablename = ?)", Boolean.class, table));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every path through the order lifecycle, picked by {@code variant}. */
    private static List<OrderEvent> lifecycle(UUID id, String customer, int variant) {
        List<OrderEvent> events = new ArrayList<>();
        events.add(new OrderPlaced(id, customer, List.of(new OrderLine("SKU-" + variant % 3, 1 + variant % 4,
                new Money(100 + variant, "EUR"))), new Money((100 + variant) * (1 + variant % 4), "EUR"), "tok"));
        switch (variant % 5) {
            case 0 -> events.add(new OrderRejected(id, customer, RejectionReason.OUT_OF_STOCK, "SKU-0"));
            case 1 -> {
                events.add(new OrderStockReserved(id, customer));
                events.add(new OrderRejected(id, customer, RejectionReason.PAYMENT_DECLINED, "declined"));
            }
            case 2 -> {
                events.add(new OrderStockReserved(id, customer));
                events.add(new OrderConfirmed(id, customer, UUID.randomUUID()));
                events.add(new OrderCancelled(id, customer, "changed my mind", OrderStatus.CONFIRMED));
            }
            case 3 -> {
                events.add(new OrderStockReserved(id, customer));
                events.add(new OrderConfirmed(id, customer, UUID.randomUUID()));
                events.add(new OrderShipped(id, customer));
                events.add(new OrderDelivered(id, customer));
            }
            default -> events.add(new OrderStockReserved(id, customer));
        }
        return events;
    }

    /**
     * Plays the live order-view processor: applies stored events in order with the real projection, reports its
     * position with gaps, and counts pauses and resumes.
     */
    private final class SimulatedProcessor implements LiveProcessor {

        final Set<Long> gaps = new TreeSet<>();
        final Set<Long> handled = new TreeSet<>();
        int processed;
        int processedAtPause = -1;
        int advancePerCall;
        int pauses;
        int resumes;
        boolean paused;
        Runnable onPause = () -> { };
        Runnable onResume = () -> { };

        void processUpTo(int count) {
            while (processed < Math.min(count, stored.size())) {
                ReplayedEvent event = stored.get(processed++);
                if (!gaps.contains(event.position())) {
                    apply(event);
                }
            }
        }

        void apply(ReplayedEvent event) {
            database.transaction.executeWithoutResult(status -> projection.on((OrderEvent) event.payload(),
                    event.sequence(), event.timestamp()));
            handled.add(event.position());
        }

        @Override
        public ProcessedPosition position() {
            if (!paused) {
                processUpTo(processed + advancePerCall);
            }
            long index = processed == 0 ? -1 : stored.get(processed - 1).position();
            return ProcessedPosition.of(index, gaps.stream().filter(gap -> gap <= index).toList());
        }

        @Override
        public boolean isRunning() {
            return !paused;
        }

        @Override
        public void pause() {
            pauses++;
            paused = true;
            processedAtPause = processed;
            onPause.run();
        }

        @Override
        public void resume() {
            resumes++;
            onResume.run();
            paused = false;
        }
    }
}
