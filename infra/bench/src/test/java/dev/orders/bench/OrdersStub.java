package dev.orders.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small local stand-in for an Orders instance's account endpoints, one order endpoint and the customer stream, with
 * the rules the harness depends on: access tokens expire, refresh tokens work once (a replay revokes the account's
 * refresh tokens), and switches that make it refuse the way a real instance can (429, 401).
 */
final class OrdersStub implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Seconds an access token lives; the answer's {@code expiresIn}. */
    volatile long tokenSeconds = 900;
    /** Milliseconds a registration takes, so that concurrent ones overlap. */
    volatile long registerMillis = 0;
    volatile boolean registerAnswers429;
    volatile boolean ordersAnswer429;
    volatile boolean refreshAnswers401;
    volatile boolean streamAnswers401;

    final AtomicInteger registrationsInFlight = new AtomicInteger();
    final AtomicInteger mostRegistrationsInFlight = new AtomicInteger();
    final AtomicInteger refreshes = new AtomicInteger();
    final AtomicInteger refreshReplays = new AtomicInteger();
    final AtomicInteger logins = new AtomicInteger();
    final AtomicInteger expiredTokenUses = new AtomicInteger();
    /** Every request: method, path with query, Authorization, Last-Event-ID, account the token belongs to. */
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    private final Map<String, Account> accountsByEmail = new ConcurrentHashMap<>();
    private final Map<String, Access> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, String> spentRefreshTokens = new ConcurrentHashMap<>();
    private final AtomicLong tokenNumber = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    OrdersStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Adds an account as an operator would have created it. */
    String account(String email, String password, String... roles) {
        Account account = new Account(UUID.randomUUID().toString(), email, password, List.of(roles));
        accountsByEmail.put(email, account);
        return account.id();
    }

    /** The account whose live access token this is, or null. */
    String accountOf(String accessToken) {
        Access access = accessTokens.get(accessToken);
        return access == null || access.expired() ? null : access.account().id();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Access access = authorization == null ? null : accessTokens.get(authorization.substring("Bearer ".length()));
            seen.add(new Seen(method, exchange.getRequestURI().toString(), authorization,
                    exchange.getRequestHeaders().getFirst("Last-Event-ID"),
                    access == null ? null : access.account().id()));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            switch (method + " " + path) {
                case "POST /api/v1/auth/register" -> register(exchange, JSON.readTree(body));
                case "POST /api/v1/auth/login" -> login(exchange, JSON.readTree(body));
                case "POST /api/v1/auth/refresh" -> refresh(exchange, JSON.readTree(body).path("refreshToken").asString());
                case "GET /api/v1/auth/me" -> {
                    if (authorised(exchange, access)) {
                        answer(exchange, 200, JSON.writeValueAsString(Map.of("id", access.account().id(),
                                "email", access.account().email(), "roles", access.account().roles())));
                    }
                }
                case "POST /api/v1/orders" -> {
                    if (ordersAnswer429) {
                        problem(exchange, 429, "Too many requests; retry after 1 s");
                    } else if (authorised(exchange, access)) {
                        answer(exchange, 202, "{\"status\":\"PLACED\"}");
                    }
                }
                case "GET /api/v1/orders/updates" -> {
                    if (streamAnswers401) {
                        problem(exchange, 401, "A valid bearer token is required (POST /api/v1/auth/login)");
                    } else if (authorised(exchange, access)) {
                        // A stream that ends after its ready event: the client reconnects, as after a dropped line.
                        byte[] ready = "id:7\nevent:ready\n\n".getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                        exchange.sendResponseHeaders(200, ready.length);
                        exchange.getResponseBody().write(ready);
                    }
                }
                default -> problem(exchange, 404, "no such endpoint in the stub");
            }
        }
    }

    private void register(HttpExchange exchange, JsonNode credentials) throws IOException {
        int inFlight = registrationsInFlight.incrementAndGet();
        mostRegistrationsInFlight.accumulateAndGet(inFlight, Math::max);
        try {
            if (registerMillis > 0) {
                TimeUnit.MILLISECONDS.sleep(registerMillis);
            }
            if (registerAnswers429) {
                problem(exchange, 429, "Too many account requests from this address; retry after 2 s");
                return;
            }
            String email = credentials.path("email").asString();
            String password = credentials.path("password").asString();
            if (password.length() < 12) {
                problem(exchange, 400, "password must have at least 12 characters");
                return;
            }
            if (accountsByEmail.containsKey(email)) {
                problem(exchange, 409, "An account with this e-mail address exists already");
                return;
            }
            String id = account(email, password, "CUSTOMER");
            answer(exchange, 201, JSON.writeValueAsString(Map.of("id", id, "email", email, "roles", List.of("CUSTOMER"))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            registrationsInFlight.decrementAndGet();
        }
    }

    private void login(HttpExchange exchange, JsonNode credentials) throws IOException {
        Account account = accountsByEmail.get(credentials.path("email").asString());
        if (account == null || !account.password().equals(credentials.path("password").asString())) {
            problem(exchange, 401, "Wrong e-mail or password");
            return;
        }
        logins.incrementAndGet();
        issue(exchange, account);
    }

    private void refresh(HttpExchange exchange, String refreshToken) throws IOException {
        String email = refreshTokens.remove(refreshToken);
        if (email == null || refreshAnswers401) {
            String owner = email != null ? email : spentRefreshTokens.get(refreshToken);
            if (owner != null && email == null) {
                // As the instance does: a spent token presented again ends every session of the account.
                refreshReplays.incrementAndGet();
                refreshTokens.values().removeIf(owner::equals);
            }
            problem(exchange, 401, "The refresh token is invalid or expired");
            return;
        }
        spentRefreshTokens.put(refreshToken, email);
        refreshes.incrementAndGet();
        issue(exchange, accountsByEmail.get(email));
    }

    private void issue(HttpExchange exchange, Account account) throws IOException {
        String access = "at-" + tokenNumber.incrementAndGet();
        String refresh = "rt-" + tokenNumber.incrementAndGet();
        accessTokens.put(access, new Access(account, System.nanoTime() + TimeUnit.SECONDS.toNanos(tokenSeconds)));
        refreshTokens.put(refresh, account.email());
        answer(exchange, 200, JSON.writeValueAsString(Map.of("accessToken", access, "refreshToken", refresh,
                "expiresIn", tokenSeconds, "tokenType", "Bearer")));
    }

    private boolean authorised(HttpExchange exchange, Access access) throws IOException {
        if (access == null || access.expired()) {
            if (access != null) {
                expiredTokenUses.incrementAndGet();
            }
            problem(exchange, 401, "A valid bearer token is required (POST /api/v1/auth/login)");
            return false;
        }
        return true;
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        if (status == 429) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        answer(exchange, status, JSON.writeValueAsString(Map.of("status", status, "detail", detail)));
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** One request as the stub saw it. */
    record Seen(String method, String uri, String authorization, String lastEventId, String accountId) {
    }

    private record Account(String id, String email, String password, List<String> roles) {
    }

    private record Access(Account account, long expiresAtNanos) {
        boolean expired() {
            return System.nanoTime() - expiresAtNanos >= 0;
        }
    }
}
