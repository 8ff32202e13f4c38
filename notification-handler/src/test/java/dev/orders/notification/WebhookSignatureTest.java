package dev.orders.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQ";
    private static final byte[] BODY = "{\"id\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);

    /** Computed independently: printf '1700000000.{"id":"e-1"}' | openssl dgst -sha256 -hmac "$SECRET". */
    @Test
    void signsTimestampDotBodyWithHmacSha256OfTheSecretText() {
        assertThat(WebhookSignature.header(SECRET, 1_700_000_000L, BODY))
                .isEqualTo("t=1700000000,v1=c5edc419479ec13bb2d6ecfe9daa3979d23bd6b2c6a1e6786fb65606a5ff0bb1");
    }

    @Test
    void signatureChangesWithTimestampBodyAndSecret() {
        String signature = WebhookSignature.hmacHex(SECRET, 1_700_000_000L, BODY);

        assertThat(WebhookSignature.hmacHex(SECRET, 1_700_000_001L, BODY)).isNotEqualTo(signature);
        byte[] otherBody = "{\"id\":\"e-2\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.hmacHex(SECRET, 1_700_000_000L, otherBody)).isNotEqualTo(signature);
        assertThat(WebhookSignature.hmacHex(SECRET + "x", 1_700_000_000L, BODY)).isNotEqualTo(signature);
    }
}
