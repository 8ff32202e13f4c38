package dev.orders.faults;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Hostile input to every endpoint: never a 5xx, never a write accepted, and no state changed by any of it. */
final class FuzzScenario {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private FuzzScenario() {
    }

    static ScenarioResult run(Cluster cluster, Form form, long seed) throws Exception {
        ScenarioResult result = new ScenarioResult("fuzz");
        SuiteAccounts accounts = cluster.accounts();
        SuiteAccounts.Customer customer = accounts.customers().get(0);
        String anOrder = someOrder(cluster);
        List<HostileRequests.Request> requests = new HostileRequests(seed, cluster.skus().get(0), anOrder)
                .generate(form.fuzzRequests());
        // Projections must have caught up first, or their catching up would look like a change.
        cluster.settle(List.of(), form.settleTimeout());
        String before = fingerprint(cluster.services());

        Check noServerError = new Check("no 5xx and no dropped connection for hostile input");
        Check noWriteAccepted = new Check("no hostile write accepted");
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        String base = cluster.first().baseUrl();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> acceptedWrites = java.util.Collections.synchronizedList(new ArrayList<>());
        for (HostileRequests.Request request : requests) {
            pool.execute(() -> {
                String token = HostileRequests.token(request.token(), customer.token(), accounts.operatorToken(),
                        customer.id());
                int status = send(client, base, request, token);
                statuses.computeIfAbsent(status, key -> new AtomicInteger()).incrementAndGet();
                String what = request.method() + " " + abbreviate(request.path()) + " [" + request.token() + "] -> "
                        + status;
                if (status >= 500 || (status < 0 && !overLongRequestLine(request))) {
                    problems.add(what);
                }
                if (WRITES.contains(request.method()) && status >= 200 && status < 300) {
                    acceptedWrites.add(what + " " + abbreviate(request.body() == null ? ""
                            : new String(request.body(), StandardCharsets.UTF_8)) + " " + request.headers());
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        for (int i = 0; i < requests.size(); i++) {
            noServerError.expect(i >= problems.size(), i < problems.size() ? problems.get(i) : "");
        }
        noWriteAccepted.expect(acceptedWrites.isEmpty(), acceptedWrites.size() + " accepted, e.g. "
                + acceptedWrites.subList(0, Math.min(5, acceptedWrites.size())));
        Check unchanged = new Check("no state change from rejected requests (events, orders, stock, accounts, "
                + "contacts)");
        String after = fingerprint(cluster.services());
        unchanged.expect(before.equals(after), "before " + before + ", after " + after);

        result.fault(requests.size() + " hostile requests");
        result.check(noServerError);
        result.check(noWriteAccepted);
        result.check(unchanged);
        result.check(OutageScenario.recoveredAlone(cluster.http(), cluster.first(), cluster.first().pid()));
        Map<Integer, Integer> byStatus = new TreeMap<>();
        statuses.forEach((status, count) -> byStatus.put(status, count.get()));
        result.figure("answersByStatus", byStatus);
        return result;
    }

    /** Sends and reads at most the start of the answer (streams stay open): the status, or -1 without one. */
    private static int send(HttpClient client, String base, HostileRequests.Request request, String token) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                    .timeout(Duration.ofSeconds(20))
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            if (request.body() != null && !request.headers().containsKey("Content-Type")) {
                builder.header("Content-Type", "application/json");
            }
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            request.headers().forEach(builder::header);
            HttpResponse<InputStream> response = client.send(builder.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    body.readNBytes(4096);
                }
            }
            return response.statusCode();
        } catch (IllegalArgumentException unsendable) {
            // A URI or header the client itself refuses to send: the server never sees it.
            return 0;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The server answers a request line over its 4 KB limit with 414 and closes the connection; a client still
     * writing such a request may see the close before the answer, which is not the server failing.
     */
    static boolean overLongRequestLine(HostileRequests.Request request) {
        return request.method().length() + request.path().length() + 10 > 4096;
    }

    private static String someOrder(Cluster cluster) throws Exception {
        try (Connection connection = cluster.services().connection(); Statement statement =
                connection.createStatement(); ResultSet rows = statement.executeQuery(
                "select order_id from order_query.orders limit 1")) {
            return rows.next() ? rows.getString(1) : UUID.randomUUID().toString();
        }
    }

    /** Counts and content hashes of everything a request could change. */
    static String fingerprint(Services services) throws Exception {
        try (Connection connection = services.connection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select "
                     + "(select count(*) || '/' || coalesce(max(globalindex), 0) from axon.domainevententry), "
                     + "(select md5(coalesce(string_agg(order_id || status || version, ',' order by order_id), '')) "
                     + "from order_query.orders), "
                     + "(select md5(coalesce(string_agg(sku || on_hand || '/' || reserved, ',' order by sku), '')) "
                     + "from inventory.products), "
                     + "(select count(*) from accounts.account), "
                     + "(select md5(coalesce(string_agg(a::text, ',' order by a.id), '')) from accounts.account a), "
                     + "(select md5(coalesce(string_agg(c::text, ',' order by c.customer_id), '')) "
                     + "from notification.contacts c)")) {
            rows.next();
            StringBuilder print = new StringBuilder();
            for (int i = 1; i <= 6; i++) {
                print.append(i == 1 ? "" : " ").append(rows.getString(i));
            }
            return print.toString();
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
