package dev.orders.bench;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The accounts a run acts as: the operator from the environment (products, stock, reads, export, rebuild) and the
 * customers it registers (orders and their SSE streams). Keeps every session's access token fresh in the background,
 * so runs longer than a token's life work, and holds the first refusal that stops the run.
 */
final class BenchAccounts implements AutoCloseable {

    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final AuthApi auth;
    private final int concurrency;
    private final TokenSession operator;
    private final List<TokenSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicReference<AccessRefused> refused = new AtomicReference<>();
    private final ScheduledExecutorService refresher;
    private final SecureRandom random = new SecureRandom();
    private final LongAdder refreshes = new LongAdder();
    private final LongAdder logins = new LongAdder();
    private final LongAdder renewalFailures = new LongAdder();
    private final LongAdder customersRegistered = new LongAdder();
    private final LongAdder registrationNanos = new LongAdder();
    private volatile String lastRenewalError;

    private BenchAccounts(AuthApi auth, int concurrency, TokenSession operator, Duration checkEvery) {
        this.auth = auth;
        this.concurrency = concurrency;
        this.operator = operator;
        sessions.add(operator);
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-token-refresher");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::renewDue, checkEvery.toNanos(), checkEvery.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /** Logs the operator in and makes sure the account has the OPS role; refusals say what to set. */
    static BenchAccounts open(HttpApi api, Credentials operator, int concurrency) {
        return open(api, operator, concurrency, CHECK_EVERY);
    }

    static BenchAccounts open(HttpApi api, Credentials operator, int concurrency, Duration checkEvery) {
        AuthApi auth = new AuthApi(api);
        long sent = System.nanoTime();
        TokenSession.Tokens tokens = auth.login(operator, true).block(Duration.ofMinutes(1));
        // The operator places no orders, so its account id is not needed.
        TokenSession session = new TokenSession(TokenSession.Kind.OPERATOR, null, operator, tokens, sent);
        AuthApi.Me me = auth.me(session).block(Duration.ofMinutes(1));
        if (me == null || !me.roles().contains("OPS")) {
            throw AccessRefused.notOperator(operator.email(), me == null ? "[]" : me.roles().toString());
        }
        return new BenchAccounts(auth, concurrency, session, checkEvery);
    }

    TokenSession operator() {
        return operator;
    }

    /**
     * Registers {@code count} customers with e-mail addresses unique to this run and logs each in, at most
     * {@code concurrency} at a time (the instance hashes every password with bcrypt); answers them in order.
     */
    List<TokenSession> newCustomers(String runId, String label, int count) {
        List<Credentials> credentials = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            credentials.add(new Credentials("bench-" + runId + "-" + label + i + "@example.com", password()));
        }
        long start = System.nanoTime();
        List<TokenSession> customers = Flux.fromIterable(credentials)
                .flatMapSequential(this::newCustomer, concurrency)
                .collectList()
                .block(Duration.ofMinutes(10));
        registrationNanos.add(System.nanoTime() - start);
        customersRegistered.add(count);
        sessions.addAll(customers);
        return customers;
    }

    private Mono<TokenSession> newCustomer(Credentials credentials) {
        return auth.register(credentials).flatMap(accountId -> {
            long sent = System.nanoTime();
            return auth.login(credentials, false)
                    .map(tokens -> new TokenSession(TokenSession.Kind.CUSTOMER, accountId, credentials, tokens, sent));
        });
    }

    /** Remembers the first refusal; the load loops call {@link #failIfRefused()} and stop. */
    void refuse(AccessRefused refusal) {
        refused.compareAndSet(null, refusal);
    }

    void failIfRefused() {
        AccessRefused refusal = refused.get();
        if (refusal != null) {
            throw refusal;
        }
    }

    /** Renews every session whose token is two thirds through its life; runs on the refresher's own thread. */
    void renewDue() {
        try {
            long now = System.nanoTime();
            List<TokenSession> due = sessions.stream().filter(session -> session.renewalDue(now)).toList();
            if (due.isEmpty() || refused.get() != null) {
                return;
            }
            Flux.fromIterable(due).flatMap(this::renew, concurrency).blockLast(Duration.ofMinutes(2));
        } catch (RuntimeException e) {
            renewalFailures.increment();
            lastRenewalError = e.toString();
        }
    }

    /** Refresh first; if the refresh token is refused or the answer got lost (it may be spent), log in again. */
    private Mono<Void> renew(TokenSession session) {
        long sent = System.nanoTime();
        return auth.refresh(session.refreshToken())
                .doOnNext(tokens -> {
                    session.update(tokens, sent);
                    refreshes.increment();
                })
                .then()
                .onErrorResume(e -> !(e instanceof AccessRefused), e -> logIn(session))
                .onErrorResume(AccessRefused.class, refusal -> {
                    refuse(refusal);
                    return Mono.empty();
                });
    }

    private Mono<Void> logIn(TokenSession session) {
        long sent = System.nanoTime();
        return auth.login(session.credentials(), session.kind() == TokenSession.Kind.OPERATOR)
                .doOnNext(tokens -> {
                    session.update(tokens, sent);
                    logins.increment();
                })
                .then()
                .onErrorResume(e -> !(e instanceof AccessRefused), e -> {
                    renewalFailures.increment();
                    lastRenewalError = e.toString();
                    if (session.expired(System.nanoTime())) {
                        refuse(AccessRefused.renewalFailed(session, e.toString()));
                    }
                    return Mono.empty();
                });
    }

    /** What the run did with accounts, for the report. */
    Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("operator", operator.email());
        figures.put("customersRegistered", customersRegistered.sum());
        figures.put("secondsToRegisterAndLogInCustomers", Math.round(registrationNanos.sum() / 1e7) / 100.0);
        figures.put("tokenRefreshes", refreshes.sum());
        figures.put("reLogins", logins.sum());
        figures.put("renewalFailures", renewalFailures.sum());
        if (lastRenewalError != null) {
            figures.put("lastRenewalError", lastRenewalError);
        }
        return figures;
    }

    private String password() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
