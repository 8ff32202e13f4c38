package dev.orders.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request: {@code X-Orders-Signature: t=<unix seconds>,v1=<hex>} where {@code <hex>} is
 * the lower-case hex HMAC-SHA256, keyed with the UTF-8 bytes of the customer's webhook secret (the base64url text as
 * returned on registration), of the UTF-8 text {@code t + "."} followed by the exact request body bytes. The timestamp
 * lets receivers refuse replays of old requests.
 */
final class WebhookSignature {

    static final String HEADER = "X-Orders-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The header value for {@code body} sent at {@code epochSeconds}. */
    static String header(String secret, long epochSeconds, byte[] body) {
        return "t=" + epochSeconds + ",v1=" + hmacHex(secret, epochSeconds, body);
    }

    static String hmacHex(String secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Fails fast at start-up on a JVM without HMAC-SHA256, and loads the provider off the event loop. */
    static void checkAvailable() {
        try {
            Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
