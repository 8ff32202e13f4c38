package dev.orders.bench;

import dev.orders.api.Ids;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The main load: simulated customers place orders at a target rate (or as fast as the server answers) and
 * follow them to CONFIRMED or REJECTED over their customer SSE streams; the event store, the processors'
 * tokens and /proc are sampled around the measured window; afterwards the invariants are checked.
 */
final class OrdersScenario {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final BenchOptions options;
    private final HttpApi api;
    private final BenchAccounts accounts;
    private final EventStoreProbe probe;
    private final KafkaSampler kafka;
    private final ResourceSampler resources;
    private final List<String> skus;
    private final OrderMix mix;
    private final String runId;
    private final List<TokenSession> customers;
    private final Map<UUID, OrderTrack> tracks = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    private final LatencyStats postService = new LatencyStats();
    private final LatencyStats postScheduled = new LatencyStats();
    private final LatencyStats toPlacedSeen = new LatencyStats();
    private final LatencyStats toConfirmed = new LatencyStats();
    private final LatencyStats toRejected = new LatencyStats();

    private final Timeline acceptedTimeline;
    private final Timeline settledTimeline;
    private final LongAdder acceptedInWindow = new LongAdder();
    private final LongAdder confirmedInWindow = new LongAdder();
    private final LongAdder rejectedInWindow = new LongAdder();
    private final Map<String, LongAdder> postErrors = new ConcurrentHashMap<>();
    private final List<String> errorSamples = new CopyOnWriteArrayList<>();
    private final LongAdder sseEvents = new LongAdder();
    private final LongAdder sseUnknownOrders = new LongAdder();
    private final AtomicLong sseReconnects = new AtomicLong();

    private volatile long measureStartNanos = Long.MAX_VALUE;
    private volatile long endNanos = Long.MAX_VALUE;

    /**
     * {@code customers}: the registered, logged-in customers whose orders and streams the run drives; {@code kafka}:
     * the sampler of the integration topic, or null when Kafka is not measured.
     */
    OrdersScenario(BenchOptions options, HttpApi api, BenchAccounts accounts, List<TokenSession> customers,
                   EventStoreProbe probe, KafkaSampler kafka, ResourceSampler resources, List<String> skus,
                   String runId) {
        this.options = options;
        this.api = api;
        this.accounts = accounts;
        this.customers = List.copyOf(customers);
        this.probe = probe;
        this.kafka = kafka;
        this.resources = resources;
        this.skus = skus;
        this.runId = runId;
        this.mix = new OrderMix(skus, options.zipfExponent, options.maxLines, options.maxQuantity,
                options.paymentMix, options.seed);
        int seconds = (int) Math.ceil(options.duration.toMillis() / 1000.0);
        acceptedTimeline = new Timeline(seconds);
        settledTimeline = new Timeline(seconds);
    }

    /** What the run measured, for the report and the ratios. */
    record Result(Map<String, Object> orders, Map<String, Object> resources, Map<String, Object> projectionLag,
                  Invariants invariants, double acceptedPerSecond, double confirmedPerSecond,
                  double settledPerSecond, Double eventsPerSecond, Map<String, Object> kafka,
                  Double kafkaRecordsPerSecond) {
    }

    Result run() throws Exception {
        List<CustomerStream> streams = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(customers.size());
        for (TokenSession customer : customers) {
            CustomerStream stream = new CustomerStream(api, customer, this::onUpdate, ready::countDown, sseReconnects,
                    accounts::refuse);
            streams.add(stream);
            stream.start();
        }
        LagSampler lag = probe == null ? null : new LagSampler(probe);
        try {
            long readyDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                accounts.failIfRefused();
                if (System.nanoTime() >= readyDeadline) {
                    throw new IllegalStateException(ready.getCount() + " of " + customers.size()
                            + " customer SSE streams sent no 'ready' event within 60 s");
                }
            }
            if (lag != null) {
                lag.start();
            }
            if (kafka != null) {
                kafka.takeBaseline(10_000);
                kafka.start();
            }
            return drive(lag);
        } finally {
            streams.forEach(CustomerStream::stop);
            if (lag != null) {
                lag.close();
            }
        }
    }

    private Result drive(LagSampler lag) throws Exception {
        long startNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        measureStartNanos = startNanos + options.warmup.toNanos();
        endNanos = measureStartNanos + options.duration.toNanos();
        Window window = new Window();
        Thread phases = new Thread(() -> window.observe(lag), "bench-phases");
        phases.setDaemon(true);
        phases.start();

        LoadDriver.Outcome outcome = options.rate > 0
                ? LoadDriver.open(options.rate, startNanos, endNanos, options.concurrency, this::place)
                : LoadDriver.closed(options.concurrency, endNanos, this::place);
        phases.join();
        accounts.failIfRefused();
        long loadDone = System.nanoTime();
        if (kafka != null) {
            kafka.watchCatchUp(Math.max(1000, options.grace.toMillis()));
        }

        long drainMillis = awaitSettled(loadDone + options.grace.toNanos());
        long caughtUpMillis = lag == null ? -1 : lag.awaitCaughtUp(Math.max(1000, options.grace.toMillis()));
        Invariants invariants = checkInvariants(caughtUpMillis >= 0);

        double seconds = options.duration.toNanos() / 1e9;
        Map<String, Object> orders = new LinkedHashMap<>();
        orders.put("runId", runId);
        orders.put("model", options.rate > 0
                ? String.format(Locale.ROOT, "open: %.1f orders/s offered, at most %d POSTs in flight",
                options.rate, options.concurrency)
                : "closed: " + options.concurrency + " clients, each sends when the previous order is answered");
        orders.put("warmupSeconds", options.warmup.toMillis() / 1000.0);
        orders.put("measuredSeconds", seconds);
        orders.put("customers", customers.size());
        orders.put("skus", skus.size());
        orders.put("zipfExponent", options.zipfExponent);
        orders.put("paymentMix", options.paymentMix);
        long measured = tracks.values().stream().filter(t -> t.measured).count();
        orders.put("ordersSentInWindow", measured);
        orders.put("ordersSentTotal", tracks.size());
        orders.put("ordersNotSentClientBacklog", outcome.notSent());
        double accepted = acceptedInWindow.sum() / seconds;
        double confirmed = confirmedInWindow.sum() / seconds;
        double settled = (confirmedInWindow.sum() + rejectedInWindow.sum()) / seconds;
        orders.put("acceptedPerSecond", round(accepted));
        orders.put("confirmedPerSecond", round(confirmed));
        orders.put("rejectedPerSecond", round(rejectedInWindow.sum() / seconds));
        orders.put("settledPerSecond", round(settled));
        orders.put("acceptedPerSecondTimeline", acceptedTimeline.counts());
        orders.put("settledPerSecondTimeline", settledTimeline.counts());
        orders.put("postErrors", errorCounts());
        if (!errorSamples.isEmpty()) {
            orders.put("postErrorSamples", List.copyOf(errorSamples));
        }
        orders.put("postLatency", postService.summary().toMap());
        if (options.rate > 0) {
            orders.put("postLatencyFromSchedule", postScheduled.summary().toMap());
        }
        orders.put("postToPlacedSeenOverSse", toPlacedSeen.summary().toMap());
        orders.put("postToConfirmedOverSse", toConfirmed.summary().toMap());
        orders.put("postToRejectedOverSse", toRejected.summary().toMap());
        orders.put("outcomes", outcomes());
        Double eventsPerSecond = null;
        if (window.headStart >= 0 && window.headEnd >= 0) {
            long events = window.headEnd - window.headStart;
            eventsPerSecond = round(events / seconds);
            orders.put("eventsAppended", events);
            orders.put("eventsAppendedPerSecond", eventsPerSecond);
            if (acceptedInWindow.sum() > 0) {
                orders.put("eventsPerAcceptedOrder", round((double) events / acceptedInWindow.sum()));
            }
        } else {
            orders.put("eventsAppended", "not measured: " + (probe == null ? "no JDBC connection" : window.error));
        }
        Map<String, Object> sse = new LinkedHashMap<>();
        sse.put("customerStreams", customers.size());
        sse.put("eventsReceived", sseEvents.sum());
        sse.put("eventsForUnknownOrders", sseUnknownOrders.sum());
        sse.put("reconnects", sseReconnects.get());
        orders.put("sse", sse);
        orders.put("drainMillisAfterLoad", drainMillis);
        orders.put("processorsCaughtUpMillisAfterDrain", caughtUpMillis);

        Map<String, Object> resourceFigures = window.startSnapshot != null && window.endSnapshot != null
                ? resources.between(window.startSnapshot, window.endSnapshot) : Map.of();
        Map<String, Object> lagFigures = lag == null ? Map.of("note", "not measured: no JDBC connection")
                : lag.figures();
        Map<String, Object> kafkaFigures = kafka == null ? null
                : kafka.figures(lag == null ? null : lagFigures.getOrDefault(KafkaSampler.PUBLISHER,
                "no token of the processor " + KafkaSampler.PUBLISHER + " (an instance without the saga role)"));
        return new Result(orders, resourceFigures, lagFigures, invariants, round(accepted), round(confirmed),
                round(settled), eventsPerSecond, kafkaFigures, kafka == null ? null : kafka.recordsPerSecond());
    }

    /** Places one order as a random customer; a refusal (401, 403, 429) anywhere in the run fails it, and so the load. */
    private Mono<Void> place(long intendedNanos) {
        TokenSession customer = customers.get(mix.nextInt(customers.size()));
        OrderMix.Planned planned = mix.next();
        String key = runId + "-" + sequence.incrementAndGet();
        UUID orderId = Ids.orderId(customer.accountId(), key);
        boolean measured = intendedNanos >= measureStartNanos && intendedNanos < endNanos;
        int units = planned.lines().stream().mapToInt(OrderMix.Line::quantity).sum();
        OrderTrack track = new OrderTrack(orderId, customer.accountId(), planned.paymentToken(), intendedNanos, measured,
                units);
        String body = planned.json();
        return Mono.defer(() -> {
                    accounts.failIfRefused();
                    tracks.put(orderId, track);
                    track.sentNanos = System.nanoTime();
                    return api.postJson("/api/v1/orders", body, customer, Map.of("Idempotency-Key", key));
                })
                .doOnNext(response -> {
                    long now = System.nanoTime();
                    track.answeredNanos = now;
                    track.httpStatus = response.status();
                    if (response.status() == 202) {
                        if (inWindow(now)) {
                            acceptedInWindow.increment();
                            acceptedTimeline.add(now - measureStartNanos);
                        }
                        if (track.measured) {
                            postService.recordNanos(now - track.sentNanos);
                            postScheduled.recordNanos(now - track.intendedNanos);
                        }
                    } else {
                        countError("HTTP " + response.status(), response.body());
                    }
                })
                .doOnError(AccessRefused.class, accounts::refuse)
                .onErrorResume(error -> !(error instanceof AccessRefused), error -> {
                    track.answeredNanos = System.nanoTime();
                    countError(error.getClass().getSimpleName(), String.valueOf(error.getMessage()));
                    return Mono.empty();
                })
                .then();
    }

    private void onUpdate(SseParser.SseEvent event) {
        long now = System.nanoTime();
        sseEvents.increment();
        if (event.data() == null) {
            return;
        }
        JsonNode view;
        try {
            view = JSON.readTree(event.data());
        } catch (RuntimeException e) {
            return;
        }
        UUID orderId;
        try {
            orderId = UUID.fromString(view.path("orderId").asString());
        } catch (IllegalArgumentException e) {
            sseUnknownOrders.increment();
            return;
        }
        OrderTrack track = tracks.get(orderId);
        if (track == null) {
            sseUnknownOrders.increment();
            return;
        }
        String status = view.path("status").asString(event.event());
        long sent = track.sentNanos;
        if (track.placedSeenNanos == 0) {
            track.placedSeenNanos = now;
            if (track.measured && sent > 0) {
                toPlacedSeen.recordNanos(now - sent);
            }
        }
        if (!OrderTrack.isSettled(status) || track.settledStatus != null) {
            return;
        }
        synchronized (track) {
            if (track.settledStatus != null) {
                return;
            }
            track.settledSeenNanos = now;
            track.settledStatus = status;
        }
        if ("CONFIRMED".equals(status)) {
            track.confirmedSeenNanos = now;
            if (inWindow(now)) {
                confirmedInWindow.increment();
                settledTimeline.add(now - measureStartNanos);
            }
            if (track.measured && sent > 0) {
                toConfirmed.recordNanos(now - sent);
            }
        } else if ("REJECTED".equals(status)) {
            JsonNode reason = view.get("rejectionReason");
            track.rejectionReason = reason == null || reason.isNull() ? "UNKNOWN" : reason.asString();
            JsonNode detail = view.get("rejectionDetail");
            track.rejectionDetail = detail == null || detail.isNull() ? null : detail.asString();
            if (inWindow(now)) {
                rejectedInWindow.increment();
                settledTimeline.add(now - measureStartNanos);
            }
            if (track.measured && sent > 0) {
                toRejected.recordNanos(now - sent);
            }
        }
    }

    /** Waits for every accepted order to settle as seen over SSE; answers how long that took (-1: it did not). */
    private long awaitSettled(long deadlineNanos) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() < deadlineNanos) {
            accounts.failIfRefused();
            if (tracks.values().stream().noneMatch(t -> t.accepted() && !t.settled())) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            Thread.sleep(100);
        }
        return -1;
    }

    private Invariants checkInvariants(boolean processorsCaughtUp) {
        Invariants invariants = new Invariants();
        // Orders not seen settling over SSE, and orders whose POST got no clear answer: ask the API.
        List<OrderTrack> toLookUp = tracks.values().stream()
                .filter(t -> (t.accepted() && !t.settled()) || t.outcomeUnknown())
                .toList();
        Map<String, Long> unsettled = new TreeMap<>();
        List<String> examples = new CopyOnWriteArrayList<>();
        AtomicLong notPlaced = new AtomicLong();
        Flux.fromIterable(toLookUp)
                .flatMap(track -> api.get("/api/v1/orders/" + track.orderId, accounts.operator())
                        .map(response -> Map.entry(track, response)), 16)
                .doOnNext(entry -> {
                    OrderTrack track = entry.getKey();
                    HttpApi.Response response = entry.getValue();
                    if (response.status() == 404 && !track.accepted()) {
                        notPlaced.incrementAndGet();
                        return;
                    }
                    String status = response.status() == 200
                            ? JSON.readTree(response.body()).path("status").asString() : "HTTP " + response.status();
                    if (OrderTrack.isSettled(status)) {
                        if (!track.settled()) {
                            track.settledOnlyByLookup = track.accepted();
                            track.settledStatus = status;
                        }
                    } else {
                        synchronized (unsettled) {
                            unsettled.merge(status, 1L, Long::sum);
                        }
                        if (examples.size() < 10) {
                            examples.add(track.orderId + " " + status);
                        }
                    }
                })
                .blockLast(Duration.ofMinutes(5));
        long unsettledCount = unsettled.values().stream().mapToLong(Long::longValue).sum();
        long placed = tracks.values().stream().filter(t -> t.accepted() || (t.outcomeUnknown() && t.settled())).count();
        invariants.record("every placed order settled (CONFIRMED/REJECTED) within " + options.grace.toSeconds() + " s",
                unsettledCount == 0,
                unsettledCount == 0 ? placed + " orders settled" + (notPlaced.get() > 0
                        ? "; " + notPlaced.get() + " failed POSTs left no order" : "")
                        : unsettledCount + " of " + placed + " not settled " + unsettled + ", e.g. " + examples);
        long missedOverSse = tracks.values().stream().filter(t -> t.settledOnlyByLookup).count();
        invariants.record("customer SSE streams delivered every settled order", missedOverSse == 0,
                missedOverSse == 0 ? "all seen over SSE"
                        : missedOverSse + " orders settled (per GET) but their SSE update never arrived");

        List<Catalogue.Product> products = Catalogue.list(api, accounts.operator(), null, null);
        invariants.checkStock(products);
        if (probe == null) {
            invariants.skipped("reserved stock = quantities of confirmed orders (harness SKUs)", "no JDBC connection");
        } else if (!processorsCaughtUp) {
            // A rejected order's stock is released by the saga; while it lags the release is still on its way.
            invariants.skipped("reserved stock = quantities of confirmed orders (harness SKUs)",
                    "the event processors had not caught up with the event store " + options.grace.toSeconds()
                            + " s after the orders settled (see projectionLag); compare again when they have");
        } else {
            try {
                String prefix = options.skuPrefix;
                Map<String, Long> held = probe.query("""
                        select l->>'sku', sum((l->>'quantity')::bigint)
                        from order_query.orders o cross join lateral jsonb_array_elements(o.lines) l
                        where o.status = 'CONFIRMED' and starts_with(l->>'sku', ?)
                        group by 1""", rows -> {
                    Map<String, Long> result = new HashMap<>();
                    while (rows.next()) {
                        result.put(rows.getString(1), rows.getLong(2));
                    }
                    return result;
                }, prefix);
                long inFlight = probe.query("""
                        select count(*) from order_query.orders o
                        where o.status in ('PLACED', 'STOCK_RESERVED')
                          and exists (select 1 from jsonb_array_elements(o.lines) l where starts_with(l->>'sku', ?))""",
                        rows -> {
                            rows.next();
                            return rows.getLong(1);
                        }, prefix);
                List<Catalogue.Product> benchProducts = products.stream()
                        .filter(product -> product.sku().startsWith(prefix)).toList();
                invariants.checkReservations(benchProducts, held, inFlight);
            } catch (Exception e) {
                invariants.skipped("reserved stock = quantities of confirmed orders (harness SKUs)", e.toString());
            }
        }
        return invariants;
    }

    private Map<String, Object> outcomes() {
        Map<String, Object> outcomes = new LinkedHashMap<>();
        long confirmed = 0;
        long unsettled = 0;
        long refused = 0;
        Map<String, Long> rejected = new TreeMap<>();
        Map<String, Long> byToken = new TreeMap<>();
        Map<String, Long> details = new TreeMap<>();
        long units = 0;
        for (OrderTrack track : tracks.values()) {
            units += track.accepted() ? track.units : 0;
            if (!track.accepted()) {
                refused++;
                continue;
            }
            if ("CONFIRMED".equals(track.settledStatus)) {
                confirmed++;
                byToken.merge(track.paymentToken + " CONFIRMED", 1L, Long::sum);
            } else if ("REJECTED".equals(track.settledStatus)) {
                rejected.merge(track.rejectionReason == null ? "UNKNOWN" : track.rejectionReason, 1L, Long::sum);
                details.merge(track.rejectionReason + ": " + normaliseDetail(track.rejectionDetail), 1L, Long::sum);
                byToken.merge(track.paymentToken + " REJECTED", 1L, Long::sum);
            } else if (track.settledStatus == null) {
                unsettled++;
            }
        }
        outcomes.put("confirmed", confirmed);
        outcomes.put("rejectedByReason", rejected);
        outcomes.put("unsettled", unsettled);
        outcomes.put("notAccepted", refused);
        outcomes.put("byPaymentToken", byToken);
        outcomes.put("rejectionDetails", details);
        // Every SKU starts the run with at least half the initial stock; if the run asked for fewer units than
        // that in total, no order can really have run out of stock.
        long outOfStock = rejected.getOrDefault("OUT_OF_STOCK", 0L);
        outcomes.put("unitsOrdered", units);
        outcomes.put("outOfStockDespiteAmpleStock", units < options.initialStock / 2
                ? outOfStock : "not determinable (the run ordered more than half an SKU's stock)");
        return outcomes;
    }

    /** Groups rejection details: SKUs, ids and numbers replaced by placeholders. */
    static String normaliseDetail(String detail) {
        if (detail == null) {
            return "-";
        }
        String text = detail
                .replaceAll("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "<id>")
                .replaceAll("SKU \\S+", "SKU <sku>")
                .replaceAll("\\b\\d+\\b", "<n>");
        return text.length() <= 160 ? text : text.substring(0, 160) + "…";
    }

    private Map<String, Long> errorCounts() {
        Map<String, Long> counts = new TreeMap<>();
        postErrors.forEach((kind, count) -> counts.put(kind, count.sum()));
        return counts;
    }

    private void countError(String kind, String detail) {
        postErrors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (errorSamples.size() < 5) {
            errorSamples.add(kind + ": " + Catalogue.abbreviate(detail));
        }
    }

    private boolean inWindow(long nanos) {
        return nanos >= measureStartNanos && nanos < endNanos;
    }

    /** Counts per second of the measured window. */
    private static final class Timeline {
        private final java.util.concurrent.atomic.AtomicLongArray buckets;

        Timeline(int seconds) {
            buckets = new java.util.concurrent.atomic.AtomicLongArray(Math.max(1, seconds));
        }

        void add(long nanosIntoWindow) {
            int second = (int) (nanosIntoWindow / 1_000_000_000L);
            if (second >= 0 && second < buckets.length()) {
                buckets.incrementAndGet(second);
            }
        }

        List<Long> counts() {
            List<Long> counts = new ArrayList<>(buckets.length());
            for (int i = 0; i < buckets.length(); i++) {
                counts.add(buckets.get(i));
            }
            return counts;
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Snapshots at the start and the end of the measured window, taken on their own thread. */
    private final class Window {
        volatile ResourceSampler.Snapshot startSnapshot;
        volatile ResourceSampler.Snapshot endSnapshot;
        volatile long headStart = -1;
        volatile long headEnd = -1;
        volatile String error;

        void observe(LagSampler lag) {
            try {
                sleepUntil(measureStartNanos);
                startSnapshot = resources.snapshot();
                headStart = head();
                if (lag != null) {
                    lag.recording(true);
                }
                if (kafka != null) {
                    kafka.recording(true);
                }
                sleepUntil(endNanos);
                endSnapshot = resources.snapshot();
                headEnd = head();
                if (lag != null) {
                    lag.recording(false);
                }
                if (kafka != null) {
                    kafka.recording(false);
                }
            } catch (Exception e) {
                error = e.toString();
            }
        }

        private long head() {
            if (probe == null) {
                return -1;
            }
            try {
                return probe.head();
            } catch (Exception e) {
                error = e.toString();
                return -1;
            }
        }

        private void sleepUntil(long nanos) throws InterruptedException {
            long wait;
            while ((wait = nanos - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, 50_000_000));
            }
        }
    }
}
