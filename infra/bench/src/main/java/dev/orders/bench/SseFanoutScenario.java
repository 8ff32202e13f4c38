package dev.orders.bench;

import dev.orders.api.Ids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many SSE subscribers on the customer streams of a few customers: orders are placed for those customers and
 * every subscriber should see every update. Measures what they see (POST → update at each subscriber, and how
 * far apart the subscribers of one update are) and whether any update went missing or came twice.
 */
final class SseFanoutScenario {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final BenchOptions options;
    private final HttpApi api;
    private final BenchAccounts accounts;
    private final OrderMix mix;
    private final String runId;
    private final List<TokenSession> customers;
    private final int[] subscribersPerCustomer;
    private final Map<UUID, Placed> orders = new ConcurrentHashMap<>();
    private final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();
    private final LatencyStats toPlaced = new LatencyStats();
    private final LatencyStats toSettled = new LatencyStats();
    private final LatencyStats spread = new LatencyStats();
    private final LongAdder received = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder postFailures = new LongAdder();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();

    private final ResourceSampler resources;
    private volatile long measureStartNanos = Long.MAX_VALUE;

    /** {@code customers}: {@link #customersNeeded} registered, logged-in customers whose streams are shared. */
    SseFanoutScenario(BenchOptions options, HttpApi api, BenchAccounts accounts, List<TokenSession> customers,
                      ResourceSampler resources, List<String> skus, String runId) {
        this.options = options;
        this.resources = resources;
        this.api = api;
        this.accounts = accounts;
        this.runId = runId;
        this.mix = new OrderMix(skus, options.zipfExponent, options.maxLines, options.maxQuantity,
                options.paymentMix, options.seed + 1);
        if (customers.size() != customersNeeded(options)) {
            throw new IllegalArgumentException("sse-fanout needs " + customersNeeded(options) + " customers, got "
                    + customers.size());
        }
        this.customers = List.copyOf(customers);
        int customerCount = customers.size();
        subscribersPerCustomer = new int[customerCount];
        for (int s = 0; s < options.subscribers; s++) {
            subscribersPerCustomer[s % customerCount]++;
        }
    }

    /** Customers whose streams the subscribers share: no more than there are subscribers. */
    static int customersNeeded(BenchOptions options) {
        return Math.min(options.fanoutCustomers, options.subscribers);
    }

    Map<String, Object> run() throws Exception {
        List<CustomerStream> streams = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(options.subscribers);
        long subscribeStart = System.nanoTime();
        try {
            for (int s = 0; s < options.subscribers; s++) {
                int customer = s % customers.size();
                long[] lastId = {Long.MIN_VALUE};
                CustomerStream stream = new CustomerStream(api, customers.get(customer),
                        event -> onEvent(lastId, event), ready::countDown, reconnects, accounts::refuse);
                streams.add(stream);
                stream.start();
                if (s % 100 == 99) {
                    Thread.sleep(20);
                }
            }
            long readyDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                accounts.failIfRefused();
                if (System.nanoTime() >= readyDeadline) {
                    throw new IllegalStateException(ready.getCount() + " of " + options.subscribers
                            + " SSE subscribers got no 'ready' event within 120 s");
                }
            }
            double subscribeSeconds = (System.nanoTime() - subscribeStart) / 1e9;

            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            measureStartNanos = start + options.warmup.toNanos();
            long end = measureStartNanos + options.duration.toNanos();
            ResourceSampler.Snapshot before = resources.snapshot();
            LoadDriver.Outcome outcome = LoadDriver.open(options.fanoutRate, start, end, options.concurrency,
                    this::place);
            ResourceSampler.Snapshot after = resources.snapshot();
            accounts.failIfRefused();
            long loadDone = System.nanoTime();
            long settleMillis = awaitAllDelivered(loadDone + options.grace.toNanos());
            Map<String, Object> figures = figures(subscribeSeconds, outcome, settleMillis);
            figures.put("resourcesDuringLoadInclWarmup", resources.between(before, after));
            return figures;
        } finally {
            streams.forEach(CustomerStream::stop);
        }
    }

    private Mono<Void> place(long intendedNanos) {
        int customer = mix.nextInt(customers.size());
        TokenSession session = customers.get(customer);
        String key = runId + "-fan-" + sequence.incrementAndGet();
        UUID orderId = Ids.orderId(session.accountId(), key);
        Placed placed = new Placed(customer, intendedNanos >= measureStartNanos);
        String body = mix.next().json();
        return Mono.defer(() -> {
                    accounts.failIfRefused();
                    orders.put(orderId, placed);
                    placed.sentNanos = System.nanoTime();
                    return api.postJson("/api/v1/orders", body, session, Map.of("Idempotency-Key", key));
                })
                .doOnNext(response -> {
                    placed.accepted = response.status() == 202;
                    if (!placed.accepted) {
                        postFailures.increment();
                    }
                })
                .doOnError(AccessRefused.class, accounts::refuse)
                .onErrorResume(error -> !(error instanceof AccessRefused), error -> {
                    postFailures.increment();
                    return Mono.empty();
                })
                .then();
    }

    private void onEvent(long[] lastId, SseParser.SseEvent event) {
        long now = System.nanoTime();
        if (event.data() == null) {
            return;
        }
        // Ids of a customer stream are change-log positions: strictly increasing on one connection.
        try {
            long id = Long.parseLong(event.id());
            synchronized (lastId) {
                if (id <= lastId[0]) {
                    duplicates.increment();
                    return;
                }
                lastId[0] = id;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // an event without a numeric id cannot be checked for repeats
        }
        received.increment();
        JsonNode view;
        UUID orderId;
        try {
            view = JSON.readTree(event.data());
            orderId = UUID.fromString(view.path("orderId").asString());
        } catch (RuntimeException e) {
            return;
        }
        Placed placed = orders.get(orderId);
        String status = view.path("status").asString(event.event());
        Delivery delivery = deliveries.computeIfAbsent(orderId + "/" + status, k -> new Delivery(now));
        delivery.count.increment();
        delivery.lastNanos = Math.max(delivery.lastNanos, now);
        if (placed == null || placed.sentNanos == 0) {
            return;
        }
        if (OrderTrack.isSettled(status)) {
            placed.settledStatus = status;
        }
        if (!placed.measured) {
            return;
        }
        spread.recordNanos(now - delivery.firstNanos);
        if ("PLACED".equals(status)) {
            toPlaced.recordNanos(now - placed.sentNanos);
        } else if (OrderTrack.isSettled(status)) {
            toSettled.recordNanos(now - placed.sentNanos);
        }
    }

    private long awaitAllDelivered(long deadlineNanos) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() < deadlineNanos) {
            accounts.failIfRefused();
            boolean complete = orders.entrySet().stream()
                    .filter(entry -> entry.getValue().accepted)
                    .allMatch(entry -> {
                        String status = entry.getValue().settledStatus;
                        Delivery delivery = status == null ? null : deliveries.get(entry.getKey() + "/" + status);
                        return delivery != null
                                && delivery.count.sum() >= subscribersPerCustomer[entry.getValue().customer];
                    });
            if (complete) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            Thread.sleep(100);
        }
        return -1;
    }

    private Map<String, Object> figures(double subscribeSeconds, LoadDriver.Outcome outcome, long settleMillis) {
        long accepted = orders.values().stream().filter(p -> p.accepted).count();
        long expected = 0;
        long delivered = 0;
        for (Map.Entry<String, Delivery> entry : deliveries.entrySet()) {
            UUID orderId = UUID.fromString(entry.getKey().substring(0, entry.getKey().indexOf('/')));
            Placed placed = orders.get(orderId);
            if (placed == null) {
                continue;
            }
            long wanted = subscribersPerCustomer[placed.customer];
            expected += wanted;
            delivered += Math.min(wanted, entry.getValue().count.sum());
        }
        long neverSettled = orders.values().stream().filter(p -> p.accepted && p.settledStatus == null).count();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("subscribers", options.subscribers);
        figures.put("customers", customers.size());
        figures.put("secondsUntilAllSubscribed", Math.round(subscribeSeconds * 100) / 100.0);
        figures.put("ordersOfferedPerSecond", options.fanoutRate);
        figures.put("warmupSeconds", options.warmup.toMillis() / 1000.0);
        figures.put("measuredSeconds", options.duration.toMillis() / 1000.0);
        figures.put("ordersSent", outcome.sent());
        figures.put("ordersAccepted", accepted);
        figures.put("postFailures", postFailures.sum());
        figures.put("updatesReceived", received.sum());
        figures.put("updatesExpected", expected);
        figures.put("updatesMissing", expected - delivered);
        figures.put("duplicateOrOutOfOrderUpdates", duplicates.sum());
        figures.put("ordersWhoseSettledUpdateNoSubscriberSaw", neverSettled);
        figures.put("everySubscriberGotEveryUpdate", expected == delivered && neverSettled == 0 && duplicates.sum() == 0);
        figures.put("reconnects", reconnects.get());
        figures.put("millisUntilAllDeliveredAfterLoad", settleMillis);
        figures.put("latenciesCover", "orders placed after the warm-up; completeness covers all orders");
        figures.put("postToPlacedAtSubscriber", toPlaced.summary().toMap());
        figures.put("postToSettledAtSubscriber", toSettled.summary().toMap());
        figures.put("delayAfterFirstSubscriber", spread.summary().toMap());
        return figures;
    }

    private static final class Placed {
        final int customer;
        final boolean measured;
        volatile long sentNanos;
        volatile boolean accepted;
        volatile String settledStatus;

        Placed(int customer, boolean measured) {
            this.customer = customer;
            this.measured = measured;
        }
    }

    private static final class Delivery {
        final long firstNanos;
        final LongAdder count = new LongAdder();
        volatile long lastNanos;

        Delivery(long firstNanos) {
            this.firstNanos = firstNanos;
            this.lastNanos = firstNanos;
        }
    }
}
