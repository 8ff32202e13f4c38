package dev.orders.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP endpoint that receives webhooks: {@code POST /hooks/ok/..} answers 200, {@code /hooks/broken/..} always
 * 500, {@code /hooks/gone/..} 410 and {@code /hooks/slow/..} 200 after 2 s. It keeps every request it got and checks
 * signatures on its own, the way a customer would.
 */
final class WebhookReceiver implements AutoCloseable {

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    WebhookReceiver() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.post("/hooks/{behaviour}/{name}", (request, response) -> request.receive()
                        .aggregate().asByteArray().defaultIfEmpty(new byte[0])
                        .flatMap(body -> {
                            Map<String, String> headers = request.requestHeaders().entries().stream()
                                    .collect(Collectors.toMap(entry -> entry.getKey().toLowerCase(Locale.ROOT),
                                            Map.Entry::getValue, (first, second) -> second));
                            requests.add(new Request(request.uri(), headers, body));
                            String behaviour = request.param("behaviour");
                            if ("slow".equals(behaviour)) {
                                return Mono.delay(Duration.ofSeconds(2)).then(response.status(200).send().then());
                            }
                            int status = "broken".equals(behaviour) ? 500 : "gone".equals(behaviour) ? 410 : 200;
                            return response.status(status).send().then();
                        })))
                .bindNow();
    }

    /** A URL with the given behaviour ({@code ok}, {@code broken}, {@code gone}, {@code slow}). */
    String url(String behaviour, String name) {
        return "http://127.0.0.1:" + server.port() + "/hooks/" + behaviour + "/" + name;
    }

    List<Request> requestsTo(String url) {
        String path = url.substring(url.indexOf("/hooks/"));
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    /** One request as received. Header names are lower case. */
    record Request(String path, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Checks X-Orders-Signature (t=<seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>) from scratch. */
        boolean signedWith(String secret) {
            String signature = header("X-Orders-Signature");
            if (signature == null) {
                return false;
            }
            Map<String, String> parts = java.util.Arrays.stream(signature.split(","))
                    .map(part -> part.split("=", 2))
                    .collect(Collectors.toMap(pair -> pair[0], pair -> pair.length > 1 ? pair[1] : ""));
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                mac.update((parts.get("t") + ".").getBytes(StandardCharsets.UTF_8));
                String expected = HexFormat.of().formatHex(mac.doFinal(body));
                long age = System.currentTimeMillis() / 1000 - Long.parseLong(parts.get("t"));
                return expected.equals(parts.get("v1")) && age >= 0 && age < 300;
            } catch (GeneralSecurityException | RuntimeException e) {
                return false;
            }
        }
    }
}
