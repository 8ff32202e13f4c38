package dev.orders.testkit.paymentsim;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A SIMULATED payment provider for tests and the embedded default: a small HTTP server on 127.0.0.1 with
 * test-card rules, so that every resilience path of the payment adapter runs over real HTTP. It never moves
 * money.
 *
 * <p>HTTP API (JSON; every {@code POST} needs an {@code Idempotency-Key} header, else 400):
 * <ul>
 * <li>{@code POST /v1/authorizations} {@code {paymentId, amountCents, currency, token}} →
 *     200 {@code {paymentId, authorizationId, status:"AUTHORIZED", amountCents, currency}} or
 *     402 {@code {paymentId, status:"DECLINED", reason}}.</li>
 * <li>{@code POST /v1/payments/{paymentId}/capture} → 200 {@code {paymentId, status:"CAPTURED", amountCents}};
 *     {@code /void} → 200 {@code {paymentId, status:"VOIDED"}}; {@code /refund} → 200
 *     {@code {paymentId, status:"REFUNDED", amountCents}}. 404 for an unknown payment, 409 when the payment
 *     is not in a state that allows the step.</li>
 * <li>{@code GET /v1/payments/{paymentId}} → 200 {@code {paymentId, status, amountCents, currency,
 *     authorizations, captures}} or 404.</li>
 * </ul>
 * A repeated {@code Idempotency-Key} returns the first final answer and changes nothing; 503 answers are not
 * final, so a retry after one is processed afresh.
 *
 * <p>Test tokens: {@code tok_approve} approves; {@code tok_decline} is declined (402); {@code tok_slow} is
 * approved when the request arrives but every answer to it is sent only after {@code slowDelay} (default 5 s);
 * {@code tok_flaky} answers 503 to the first {@code flakyFailures} attempts per idempotency key (default 2),
 * then approves. Any other token is declined with reason {@code unknown_test_token}.
 *
 * <p>Global fault mode ({@link SimulatedFaults}), off by default: set at start through {@link #builder()}, or at run
 * time with {@code PUT /admin/faults {"errorRate":0.3,"latencyMs":2000}} ({@code GET /admin/faults} shows it;
 * {@code {"errorRate":0,"latencyMs":0}} ends it). It applies to every payment call whatever the token; an injected 503
 * changes nothing, like any other 503. {@code GET /v1/payments/{id}} is never faulted, so checks can read it.
 */
public final class PaymentProviderSimulator implements AutoCloseable {

    /** Default delay of {@code tok_slow} answers: longer than any sane client time limit. */
    public static final Duration DEFAULT_SLOW_DELAY = Duration.ofSeconds(5);
    /** Default number of 503 answers per idempotency key for {@code tok_flaky}. */
    public static final int DEFAULT_FLAKY_FAILURES = 2;

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Where a simulated payment stands. */
    public enum State {
        AUTHORIZED, DECLINED, CAPTURED, VOIDED, REFUNDED
    }

    private final Duration slowDelay;
    private final int flakyFailures;
    private volatile SimulatedFaults faults;
    private final Map<String, SimulatedPayment> payments = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private final Map<String, String> traceparents = new ConcurrentHashMap<>();
    // Counter-based ids: UUID.randomUUID() may read /dev/urandom, a blocking call on the event loop.
    private final AtomicLong authorizationSequence = new AtomicLong();
    private final DisposableServer server;

    private PaymentProviderSimulator(String host, int port, Duration slowDelay, int flakyFailures,
                                     SimulatedFaults faults) {
        this.slowDelay = slowDelay;
        this.flakyFailures = flakyFailures;
        this.faults = faults;
        HttpHandler handler = RouterFunctions.toHttpHandler(routes());
        this.server = HttpServer.create()
                .host(host)
                .port(port)
                .handle(new ReactorHttpHandlerAdapter(handler))
                .bindNow(Duration.ofSeconds(10));
    }

    /** Starts a simulator with the default delays; port 0 picks a free port. */
    public static PaymentProviderSimulator start(int port) {
        return builder().port(port).start();
    }

    /** Starts a simulator with the given {@code tok_slow} delay and number of {@code tok_flaky} failures. */
    public static PaymentProviderSimulator start(int port, Duration slowDelay, int flakyFailures) {
        return builder().port(port).slowDelay(slowDelay).flakyFailures(flakyFailures).start();
    }

    /**
     * Starts a simulator with the default delays that listens on every interface, for a container that other
     * containers call; {@link #baseUrl()} still names the loopback address.
     */
    public static PaymentProviderSimulator startOnAllInterfaces(int port) {
        return builder().port(port).allInterfaces().start();
    }

    /** A simulator with every setting, the global fault mode included. */
    public static Builder builder() {
        return new Builder();
    }

    /** The global fault mode now in force. */
    public SimulatedFaults faults() {
        return faults;
    }

    /** Changes the global fault mode for every call that arrives from now on. */
    public void faults(SimulatedFaults newFaults) {
        this.faults = Objects.requireNonNull(newFaults);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public int port() {
        return server.port();
    }

    /** How many authorisations the simulator granted for the payment: more than one is a double hold. */
    public int authorizations(String paymentId) {
        SimulatedPayment payment = payments.get(paymentId);
        return payment == null ? 0 : payment.authorizations;
    }

    public int authorizations(UUID paymentId) {
        return authorizations(paymentId.toString());
    }

    /** How many times the payment was captured: more than one is a double charge. */
    public int captures(String paymentId) {
        SimulatedPayment payment = payments.get(paymentId);
        return payment == null ? 0 : payment.captures;
    }

    public int captures(UUID paymentId) {
        return captures(paymentId.toString());
    }

    /** The payment's current state, or null when the simulator never saw an authorisation for it. */
    public State state(String paymentId) {
        SimulatedPayment payment = payments.get(paymentId);
        return payment == null ? null : payment.state;
    }

    public State state(UUID paymentId) {
        return state(paymentId.toString());
    }

    /** How many HTTP requests carried this idempotency key, retries and repeats included. */
    public int attempts(String idempotencyKey) {
        return attempts.getOrDefault(idempotencyKey, 0);
    }

    /** The W3C {@code traceparent} header of the latest request with this idempotency key, if it carried one. */
    public Optional<String> traceparent(String idempotencyKey) {
        return Optional.ofNullable(traceparents.get(idempotencyKey));
    }

    @Override
    public void close() {
        try {
            server.disposeNow(Duration.ofSeconds(2));
        } catch (IllegalStateException stillDraining) {
            // A slow answer was still pending; the listening socket is closed regardless.
        }
    }

    private RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST("/v1/authorizations", request -> faulty(() -> authorize(request)))
                .POST("/v1/payments/{paymentId}/capture", request -> faulty(() -> step(request, Step.CAPTURE)))
                .POST("/v1/payments/{paymentId}/void", request -> faulty(() -> step(request, Step.VOID)))
                .POST("/v1/payments/{paymentId}/refund", request -> faulty(() -> step(request, Step.REFUND)))
                .GET("/v1/payments/{paymentId}", this::show)
                .PUT("/admin/faults", this::changeFaults)
                .GET("/admin/faults", request -> respond(new Answer(HttpStatus.OK, faultsView())))
                .build();
    }

    private Mono<ServerResponse> changeFaults(ServerRequest request) {
        return request.bodyToMono(FaultsRequest.class)
                .map(body -> new SimulatedFaults(body.errorRate() == null ? 0 : body.errorRate(),
                        Duration.ofMillis(body.latencyMs() == null ? 0 : body.latencyMs())))
                .flatMap(newFaults -> {
                    faults(newFaults);
                    return respond(new Answer(HttpStatus.OK, faultsView()));
                })
                .onErrorResume(bad -> respond(new Answer(HttpStatus.BAD_REQUEST, Map.of("error",
                        "expected {\"errorRate\": 0..1, \"latencyMs\": >= 0}"))));
    }

    private Map<String, Object> faultsView() {
        SimulatedFaults current = faults;
        return Map.of("errorRate", current.errorRate(), "latencyMs", current.latency().toMillis());
    }

    /**
     * Applies the global fault mode around a payment call: an injected 503 before anything is processed, or the
     * call's own answer; either one sent after the added latency.
     */
    private Mono<ServerResponse> faulty(Supplier<Mono<ServerResponse>> call) {
        SimulatedFaults current = faults;
        if (!current.active()) {
            return call.get();
        }
        Mono<ServerResponse> answer = ThreadLocalRandom.current().nextDouble() < current.errorRate()
                ? respond(new Answer(HttpStatus.SERVICE_UNAVAILABLE, Map.of("error", "simulated fault")))
                : call.get();
        return current.latency().isZero() ? answer : answer.delayElement(current.latency());
    }

    private Mono<ServerResponse> authorize(ServerRequest request) {
        String key = request.headers().firstHeader(IDEMPOTENCY_KEY);
        if (key == null || key.isBlank()) {
            return respond(new Answer(HttpStatus.BAD_REQUEST, Map.of("error", "Idempotency-Key header is required")));
        }
        int attempt = attempts.merge(key, 1, Integer::sum);
        rememberTraceparent(key, request);
        return request.bodyToMono(AuthorizationRequest.class)
                .flatMap(body -> {
                    if (!body.isComplete()) {
                        return respond(new Answer(HttpStatus.BAD_REQUEST,
                                Map.of("error", "paymentId, amountCents, currency and token are required")));
                    }
                    if (TestToken.FLAKY.matches(body.token()) && attempt <= flakyFailures
                            && !answers.containsKey(key)) {
                        return respond(new Answer(HttpStatus.SERVICE_UNAVAILABLE,
                                Map.of("error", "simulated outage", "attempt", attempt)));
                    }
                    Answer answer = answers.computeIfAbsent(key, ignored -> decide(body));
                    Mono<ServerResponse> response = respond(answer);
                    return TestToken.SLOW.matches(body.token()) ? Mono.delay(slowDelay).then(response) : response;
                })
                .onErrorResume(malformed -> respond(new Answer(HttpStatus.BAD_REQUEST,
                        Map.of("error", "the body is not a valid authorisation request"))));
    }

    private Answer decide(AuthorizationRequest body) {
        TestToken token = TestToken.of(body.token());
        if (token == TestToken.DECLINE || token == null) {
            payments.compute(body.paymentId(), (id, existing) -> {
                SimulatedPayment next = existing == null ? new SimulatedPayment(id, body) : existing;
                next.declineIfNew();
                return next;
            });
            return new Answer(HttpStatus.PAYMENT_REQUIRED, Map.of("paymentId", body.paymentId(),
                    "status", State.DECLINED.name(),
                    "reason", token == null ? "unknown_test_token" : "card_declined"));
        }
        String authorizationId = "auth_" + authorizationSequence.incrementAndGet();
        SimulatedPayment payment = payments.compute(body.paymentId(), (id, existing) -> {
            SimulatedPayment next = existing == null ? new SimulatedPayment(id, body) : existing;
            next.authorize(authorizationId);
            return next;
        });
        return new Answer(HttpStatus.OK, Map.of("paymentId", payment.paymentId,
                "authorizationId", authorizationId, "status", State.AUTHORIZED.name(),
                "amountCents", payment.amountCents, "currency", payment.currency));
    }

    private Mono<ServerResponse> step(ServerRequest request, Step step) {
        String key = request.headers().firstHeader(IDEMPOTENCY_KEY);
        if (key == null || key.isBlank()) {
            return respond(new Answer(HttpStatus.BAD_REQUEST, Map.of("error", "Idempotency-Key header is required")));
        }
        attempts.merge(key, 1, Integer::sum);
        rememberTraceparent(key, request);
        String paymentId = request.pathVariable("paymentId");
        Answer answer = answers.get(key);
        if (answer == null) {
            SimulatedPayment payment = payments.get(paymentId);
            if (payment == null) {
                // Not remembered as the key's answer: an authorisation may still arrive and make the step valid.
                return respond(new Answer(HttpStatus.NOT_FOUND,
                        Map.of("error", "no payment " + paymentId)));
            }
            answer = answers.computeIfAbsent(key, ignored -> payment.apply(step));
        }
        return respond(answer);
    }

    private Mono<ServerResponse> show(ServerRequest request) {
        SimulatedPayment payment = payments.get(request.pathVariable("paymentId"));
        if (payment == null) {
            return respond(new Answer(HttpStatus.NOT_FOUND,
                    Map.of("error", "no payment " + request.pathVariable("paymentId"))));
        }
        return respond(new Answer(HttpStatus.OK, payment.view()));
    }

    private void rememberTraceparent(String key, ServerRequest request) {
        String traceparent = request.headers().firstHeader("traceparent");
        if (traceparent != null) {
            traceparents.put(key, traceparent);
        }
    }

    private static Mono<ServerResponse> respond(Answer answer) {
        return ServerResponse.status(answer.status()).contentType(MediaType.APPLICATION_JSON).bodyValue(answer.body());
    }

    /** The body of an authorisation request. */
    record AuthorizationRequest(String paymentId, Long amountCents, String currency, String token) {

        boolean isComplete() {
            return paymentId != null && amountCents != null && amountCents >= 0 && currency != null && token != null;
        }
    }

    private record Answer(HttpStatus status, Map<String, Object> body) {
    }

    /** The body of {@code PUT /admin/faults}; a missing field means no such fault. */
    record FaultsRequest(Double errorRate, Long latencyMs) {
    }

    /** Settings of a simulator to start; defaults as {@link #start(int)}. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port;
        private Duration slowDelay = DEFAULT_SLOW_DELAY;
        private int flakyFailures = DEFAULT_FLAKY_FAILURES;
        private SimulatedFaults faults = SimulatedFaults.NONE;

        private Builder() {
        }

        /** The port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Listen on every interface, for a container that other containers call. */
        public Builder allInterfaces() {
            this.host = "0.0.0.0";
            return this;
        }

        public Builder slowDelay(Duration slowDelay) {
            this.slowDelay = slowDelay;
            return this;
        }

        public Builder flakyFailures(int flakyFailures) {
            this.flakyFailures = flakyFailures;
            return this;
        }

        /** The global fault mode from the start. */
        public Builder faults(SimulatedFaults faults) {
            this.faults = Objects.requireNonNull(faults);
            return this;
        }

        public PaymentProviderSimulator start() {
            return new PaymentProviderSimulator(host, port, slowDelay, flakyFailures, faults);
        }
    }

    private enum Step {
        CAPTURE, VOID, REFUND
    }

    private enum TestToken {
        APPROVE("tok_approve"), DECLINE("tok_decline"), SLOW("tok_slow"), FLAKY("tok_flaky");

        private final String token;

        TestToken(String token) {
            this.token = token;
        }

        boolean matches(String candidate) {
            return token.equals(candidate);
        }

        static TestToken of(String candidate) {
            for (TestToken value : values()) {
                if (value.matches(candidate)) {
                    return value;
                }
            }
            return null;
        }
    }

    /** One payment as the provider sees it; guarded by its own monitor, held only for a few field updates. */
    private static final class SimulatedPayment {

        private final String paymentId;
        private final long amountCents;
        private final String currency;
        private State state;
        private String authorizationId;
        private int authorizations;
        private int captures;

        SimulatedPayment(String paymentId, AuthorizationRequest request) {
            this.paymentId = paymentId;
            this.amountCents = request.amountCents();
            this.currency = request.currency();
        }

        synchronized void declineIfNew() {
            if (state == null) {
                state = State.DECLINED;
            }
        }

        synchronized void authorize(String newAuthorizationId) {
            authorizationId = newAuthorizationId;
            authorizations++;
            state = State.AUTHORIZED;
        }

        synchronized Answer apply(Step step) {
            switch (step) {
                case CAPTURE:
                    if (state != State.AUTHORIZED) {
                        return conflict("capture");
                    }
                    captures++;
                    state = State.CAPTURED;
                    return new Answer(HttpStatus.OK, Map.of("paymentId", paymentId, "status", state.name(),
                            "amountCents", amountCents));
                case VOID:
                    if (state != State.AUTHORIZED && state != State.VOIDED) {
                        return conflict("void");
                    }
                    state = State.VOIDED;
                    return new Answer(HttpStatus.OK, Map.of("paymentId", paymentId, "status", state.name()));
                default:
                    if (state != State.CAPTURED && state != State.REFUNDED) {
                        return conflict("refund");
                    }
                    state = State.REFUNDED;
                    return new Answer(HttpStatus.OK, Map.of("paymentId", paymentId, "status", state.name(),
                            "amountCents", amountCents));
            }
        }

        synchronized Map<String, Object> view() {
            return Map.of("paymentId", paymentId, "status", state.name(), "amountCents", amountCents,
                    "currency", currency, "authorizationId", String.valueOf(authorizationId),
                    "authorizations", authorizations, "captures", captures);
        }

        private Answer conflict(String step) {
            return new Answer(HttpStatus.CONFLICT, Map.of("paymentId", paymentId, "status", state.name(),
                    "error", "cannot " + step + " a payment that is " + state));
        }
    }
}
