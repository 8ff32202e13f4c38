package dev.orders.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Malformed and hostile requests for every endpoint: wrong types, huge, negative and zero numbers, unicode and
 * control characters, deep nesting, oversized bodies, injection strings, malformed UUIDs and cursors, bad
 * {@code Last-Event-ID}, and expired, forged and {@code alg: none} tokens. Every write among them must be refused.
 */
final class HostileRequests {

    static final List<String> VALUES = List.of("", " ", "null", "-1", "0", "99999999999999999999999", "1e309",
            "NaN", "' OR '1'='1' --", "\"; DROP TABLE order_query.orders; --", "<script>alert(1)</script>",
            "../../../../etc/passwd", "%00", "\u0000\u0001\u0007", "\u202e\u200b\ufeff", "😀".repeat(200),
            "A".repeat(5000), "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "123", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
            "00000000-0000-0000-0000-00000000000g", "djE6", "!!!", "djE6" + "A".repeat(300), "\\", "%",
            "\r\nX-Injected: 1", "1;2", "-9223372036854775809", "true", "[]", "{}");
    private static final List<String> NUMBERS = List.of("0", "-1", "-2147483648", "2147483648",
            "99999999999999999999999999", "1e309", "1.5", "\"1\"", "null", "true", "[]", "{}", "-0", "NaN");

    /** One request: method, path and query, the token kind, body bytes (null: none), extra headers. */
    record Request(String method, String path, TokenKind token, byte[] body, Map<String, String> headers) {
    }

    /** Which credentials a request carries. */
    enum TokenKind { NONE, CUSTOMER, OPERATOR, EXPIRED, FORGED, ALG_NONE, GARBAGE }

    private final Random random;
    private final String validSku;
    private final String orderId;

    HostileRequests(long seed, String validSku, String orderId) {
        this.random = new Random(seed);
        this.validSku = validSku;
        this.orderId = orderId;
    }

    /** At least {@code count} requests, every endpoint many times. */
    List<Request> generate(int count) {
        List<Request> requests = new ArrayList<>();
        while (requests.size() < count) {
            String v = pick(VALUES);
            String n = pick(NUMBERS);
            String q = enc(v);
            TokenKind token = pick(List.of(TokenKind.values()));
            requests.add(new Request("POST", "/api/v1/orders", token, orderBody(v, n),
                    Map.of("Idempotency-Key", clean(v))));
            requests.add(new Request("POST", "/api/v1/orders", token, bytes(pick(List.of("{}", "[]", "\"x\"",
                    "123", "null", "{\"lines\":null}", "{\"lines\":[]}", "{\"lines\":\"x\"}", "{\"lines\":[null]}",
                    "{\"lines\":[{}]}", "{\"lines\":[{\"sku\":" + n + ",\"quantity\":1}]}", "{", "{\"lines\":[",
                    deepJson(5000), "{\"lines\":[{\"sku\":\"" + validSku + "\",\"quantity\":1}],\"paymentToken\":"
                            + n + ",\"customerId\":\"someone-else\"}"))), Map.of()));
            requests.add(new Request("POST", "/api/v1/orders", TokenKind.CUSTOMER, oversized(), Map.of()));
            requests.add(new Request("POST", "/api/v1/orders", TokenKind.CUSTOMER, new byte[] {(byte) 0xC3,
                    (byte) 0x28, (byte) 0xFF, '{'}, Map.of()));
            requests.add(new Request("POST", "/api/v1/orders", TokenKind.CUSTOMER,
                    bytes("lines=1&quantity=2"), Map.of("Content-Type", "application/x-www-form-urlencoded")));
            requests.add(new Request("GET", "/api/v1/orders/" + q, token, null, Map.of()));
            requests.add(new Request("GET", "/api/v1/orders/" + orderId + "?asOf=" + q, token, null, Map.of()));
            requests.add(new Request("GET", "/api/v1/orders/" + q + "/history", token, null, Map.of()));
            requests.add(new Request("GET", "/api/v1/orders/" + q + "/updates", token, null, Map.of()));
            requests.add(new Request("GET", "/api/v1/orders/" + orderId + "/updates", token, null,
                    Map.of("Last-Event-ID", clean(v))));
            requests.add(new Request("GET", "/api/v1/orders/updates?customerId=" + q, token, null,
                    Map.of("Last-Event-ID", clean(v))));
            requests.add(new Request("GET", "/api/v1/orders?" + pick(List.of("cursor", "limit", "status", "from",
                    "to", "customerId")) + "=" + q, token, null, Map.of()));
            requests.add(new Request("POST", "/api/v1/orders/" + q + "/" + pick(List.of("cancel", "ship",
                    "deliver")), token, bytes("{\"reason\":" + n + "}"), Map.of()));
            requests.add(new Request("POST", "/api/v1/products", token, bytes("{\"sku\":\"" + json(v)
                    + "\",\"name\":" + n + ",\"priceCents\":" + n + ",\"currency\":\"" + json(v)
                    + "\",\"initialStock\":-1}"), Map.of()));
            requests.add(new Request("POST", "/api/v1/products/" + q + "/restock", token,
                    bytes("{\"quantity\":" + pick(List.of("0", "-1", "-2147483648", "2147483648", "1.5", "null",
                            "\"x\"")) + "}"), Map.of()));
            requests.add(new Request("GET", "/api/v1/products/" + q, token, null, Map.of()));
            requests.add(new Request("GET", "/api/v1/products?cursor=" + q + "&limit=" + enc(n), token, null,
                    Map.of()));
            requests.add(new Request("POST", "/api/v1/auth/register", TokenKind.NONE, bytes("{\"email\":\""
                    + json(v) + "\",\"password\":" + n + "}"), Map.of()));
            requests.add(new Request("POST", "/api/v1/auth/login", TokenKind.NONE, bytes("{\"email\":" + n
                    + ",\"password\":\"" + json(v) + "\"}"), Map.of()));
            requests.add(new Request("POST", "/api/v1/auth/refresh", TokenKind.NONE, bytes("{\"refreshToken\":\""
                    + json(v) + "\"}"), Map.of()));
            requests.add(new Request("GET", "/api/v1/auth/me", token, null, Map.of()));
            requests.add(new Request("GET", "/api/v1/admin/accounts?email=" + q, token, null, Map.of()));
            requests.add(new Request("PUT", "/api/v1/admin/accounts/" + q + "/roles", token,
                    bytes("{\"roles\":[\"" + json(v) + "\"]}"), Map.of()));
            requests.add(new Request("GET", "/api/v1/events?" + pick(List.of("after", "until", "from", "to",
                    "type", "aggregateId", "limit")) + "=" + q + "&limit=1", token, null, Map.of()));
            requests.add(new Request("GET", "/api/v1/events/stats?after=" + q, token, null, Map.of()));
            requests.add(new Request("POST", "/api/v1/admin/projections/" + q + "/rebuild", token, null, Map.of()));
            requests.add(new Request("GET", "/api/v1/admin/projections/" + q, token, null, Map.of()));
            requests.add(new Request("GET", "/api/v1/admin/dead-letters/" + q + "?limit=" + enc(n), token, null,
                    Map.of()));
            requests.add(new Request("POST", "/api/v1/admin/dead-letters/" + q + "/" + q + "/retry", token, null,
                    Map.of()));
            requests.add(new Request("DELETE", "/api/v1/admin/dead-letters/" + q + "/" + q, token, null, Map.of()));
            requests.add(new Request("PUT", "/api/v1/notifications/contacts/" + q, token, bytes("{\"email\":"
                    + n + ",\"webhookUrl\":\"" + json(pick(List.of("javascript:alert(1)", "file:///etc/passwd",
                    "ftp://x", v))) + "\"}"), Map.of()));
            requests.add(new Request("GET", "/api/v1/notifications/contacts/" + q, token, null, Map.of()));
            requests.add(new Request("GET", "/api/v1/notifications?orderId=" + q, token, null, Map.of()));
        }
        return requests;
    }

    /** A token for {@code kind}; customer and operator tokens come from real logins. */
    static String token(TokenKind kind, String customer, String operator, String subject) {
        long now = System.currentTimeMillis() / 1000;
        return switch (kind) {
            case NONE -> null;
            case CUSTOMER -> customer;
            case OPERATOR -> operator;
            case EXPIRED -> jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims(subject, now - 7200, now - 3600),
                    Services.JWT_SECRET);
            case FORGED -> jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims(subject, now, now + 3600),
                    "not-the-key-not-the-key-not-the-key-0000");
            case ALG_NONE -> b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims(subject, now, now + 3600))
                    + ".";
            case GARBAGE -> "eyJ.garbage.\u00e9";
        };
    }

    private static String claims(String subject, long issuedAt, long expires) {
        return "{\"sub\":\"" + subject + "\",\"iss\":\"orders\",\"roles\":[\"OPS\",\"CUSTOMER\"],\"iat\":" + issuedAt
                + ",\"exp\":" + expires + "}";
    }

    private static String jwt(String header, String claims, String key) {
        String signingInput = b64(header) + "." + b64(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] orderBody(String value, String number) {
        boolean badSku = random.nextBoolean();
        String sku = badSku ? "\"" + json(value) + "\"" : "\"" + validSku + "\"";
        // A valid SKU only ever comes with an invalid quantity, so that no order among them can be valid.
        String quantity = badSku ? pick(List.of("1", number)) : pick(List.of("0", "-1", "-2147483648",
                "2147483648", "1.5", "\"x\"", "null", "99999999999999999999", "[1]", "{}"));
        return bytes("{\"lines\":[{\"sku\":" + sku + ",\"quantity\":" + quantity + "}],\"paymentToken\":\""
                + json(value) + "\"}");
    }

    private static String deepJson(int depth) {
        return "{\"lines\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    private static byte[] oversized() {
        return bytes("{\"lines\":[{\"sku\":\"" + "X".repeat(200_000) + "\",\"quantity\":1}]}");
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A value as JSON string content, escaped so the body stays well-formed around it. */
    private static String json(String value) {
        String quoted = Http.json(value);
        return quoted.substring(1, quoted.length() - 1);
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Header values must be visible ASCII for the HTTP client; anything else in them stays hostile. */
    private static String clean(String value) {
        String cleaned = value.replaceAll("[^\\u0020-\\u007e]", "?");
        return cleaned.isEmpty() ? "?" : cleaned;
    }
}
