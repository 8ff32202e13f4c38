package dev.orders.faults;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Places orders at a steady rate as clients would, retrying each with the same {@code Idempotency-Key} through
 * restarts and outages until the instance accepts it; later ships, delivers or cancels some of them, also with
 * retries. Which instance a request goes to comes from {@code targets} at the moment it is sent.
 */
final class Load implements AutoCloseable {

    /** How long a client keeps retrying one request before it counts as failed. */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(4);

    private final Http http = new Http(Duration.ofSeconds(10));
    private final Supplier<List<String>> targets;
    private final SuiteAccounts accounts;
    private final List<String> skus;
    private final String runId;
    private final Random random;
    private final ExecutorService workers = Executors.newFixedThreadPool(48);
    private final ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2);
    private final Queue<Placed> placed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final Map<String, AtomicInteger> steps = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    Load(Supplier<List<String>> targets, SuiteAccounts accounts, List<String> skus, String runId, long seed) {
        this.targets = targets;
        this.accounts = accounts;
        this.skus = skus;
        this.runId = runId;
        this.random = new Random(seed);
    }

    /** Places {@code count} orders at {@code perSecond}; returns when the last one has been sent (not answered). */
    void place(int count, double perSecond) {
        long periodNanos = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Pause.of(Duration.ofNanos(wait));
            }
            Order order = nextOrder();
            inFlight.incrementAndGet();
            workers.execute(() -> placeUntilAccepted(order));
        }
    }

    /** Waits until every order sent so far is answered (accepted or given up) and every follow-up step is done. */
    void awaitAnswered(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Pause.of(Duration.ofMillis(200));
        }
    }

    List<Placed> placed() {
        return new ArrayList<>(placed);
    }

    int failed() {
        return failed.get();
    }

    /** Requests sent again after a connection error, a time-out, a 5xx or a 429. */
    long retries() {
        return retries.get();
    }

    /** 5xx answers seen (each was retried); expected only while a dependency is down. */
    long serverErrors() {
        return serverErrors.get();
    }

    Map<String, Integer> steps() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        steps.forEach((name, count) -> counts.put(name, count.get()));
        return counts;
    }

    private synchronized Order nextOrder() {
        int n = sequence.incrementAndGet();
        SuiteAccounts.Customer customer = accounts.customers().get(n % accounts.customers().size());
        Map<String, Integer> lines = new LinkedHashMap<>();
        int lineCount = 1 + random.nextInt(2);
        while (lines.size() < lineCount) {
            lines.put(skus.get(random.nextInt(skus.size())), 1 + random.nextInt(3));
        }
        double roll = random.nextDouble();
        String token = roll < 0.8 ? "tok_approve" : roll < 0.9 ? "tok_decline" : "tok_flaky";
        double next = random.nextDouble();
        Step step = next < 0.25 ? Step.SHIP : next < 0.35 ? Step.CANCEL : Step.NONE;
        return new Order(customer, runId + "-" + n, lines, token, step);
    }

    private void placeUntilAccepted(Order order) {
        try {
            List<Map<String, Object>> lines = new ArrayList<>();
            order.lines().forEach((sku, quantity) -> lines.add(Map.of("sku", sku, "quantity", quantity)));
            String body = Http.json(Map.of("lines", lines, "paymentToken", order.token()));
            Http.Answer answer = untilFinal("POST", "/api/v1/orders", order.customer().token(), body,
                    Map.of("Idempotency-Key", order.key()));
            if (answer != null && answer.ok()) {
                UUID orderId = UUID.fromString(answer.json().path("orderId").asString());
                placed.add(new Placed(orderId, order.customer().id(), order.key()));
                if (order.step() != Step.NONE) {
                    inFlight.incrementAndGet();
                    pacer.schedule(() -> workers.execute(() -> followUp(orderId, order)),
                            2 + random.nextInt(4), TimeUnit.SECONDS);
                }
            } else {
                failed.incrementAndGet();
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Ships (and delivers every other one) or cancels; a 409 (not confirmed yet, or rejected) is tried again. */
    private void followUp(UUID orderId, Order order) {
        try {
            String token = order.step() == Step.CANCEL ? order.customer().token() : accounts.operatorToken();
            String action = order.step() == Step.CANCEL ? "cancel" : "ship";
            Http.Answer answer = null;
            for (int attempt = 0; attempt < 6; attempt++) {
                answer = untilFinal("POST", "/api/v1/orders/" + orderId + "/" + action, token,
                        action.equals("cancel") ? "{\"reason\":\"reliability suite\"}" : null, Map.of());
                if (answer == null || answer.status() != 409 || action.equals("cancel")) {
                    break;
                }
                Pause.of(Duration.ofSeconds(3));
            }
            count(action, answer);
            if (answer != null && answer.ok() && action.equals("ship") && orderId.hashCode() % 2 == 0) {
                count("deliver", untilFinal("POST", "/api/v1/orders/" + orderId + "/deliver", token, null,
                        Map.of()));
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void count(String action, Http.Answer answer) {
        String outcome = action + (answer == null ? " failed" : answer.ok() ? " accepted" : " " + answer.status());
        steps.computeIfAbsent(outcome, key -> new AtomicInteger()).incrementAndGet();
    }

    /** Sends until an answer other than 5xx or 429 arrives; null when it never did. */
    private Http.Answer untilFinal(String method, String path, String token, String body,
                                   Map<String, String> headers) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            List<String> urls = targets.get();
            String url = urls.get(Math.floorMod(attempt + sequence.get(), urls.size())) + path;
            try {
                Http.Answer answer = http.send(method, url, token, body, headers);
                if (answer.status() < 500 && answer.status() != 429) {
                    return answer;
                }
                if (answer.status() >= 500) {
                    serverErrors.incrementAndGet();
                }
            } catch (IOException | RuntimeException down) {
                // The instance is down, restarting, or cut off: the same request again, as a client would.
            }
            retries.incrementAndGet();
            Pause.of(Duration.ofMillis(500));
        }
        return null;
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        workers.shutdownNow();
    }

    /** An order the instance accepted. */
    record Placed(UUID orderId, String customerId, String key) {
    }

    private enum Step { NONE, SHIP, CANCEL }

    private record Order(SuiteAccounts.Customer customer, String key, Map<String, Integer> lines, String token,
                         Step step) {
    }
}
