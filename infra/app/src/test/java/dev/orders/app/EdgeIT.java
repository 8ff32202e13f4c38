package dev.orders.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What every request meets before an endpoint: token checks, request ids, size limit, CORS and headers. */
@ExtendWith(OutputCaptureExtension.class)
class EdgeIT extends IntegrationTest {

    @Test
    void expiredForgedAndUnsignedTokensAreRefused() throws Exception {
        WebTestClient anonymous = new Sessions(port).anonymous();
        Instant now = Instant.now();
        JWTClaimsSet expired = claims("orders", now.minusSeconds(600), now.minusSeconds(60));
        JWTClaimsSet current = claims("orders", now, now.plusSeconds(600));
        List<String> refused = List.of(
                hs256(expired, TestTokens.SECRET),
                hs256(current, "another-secret-that-is-also-long-enough"),
                hs256(claims("someone-else", now, now.plusSeconds(600)), TestTokens.SECRET),
                new PlainJWT(current).serialize(),
                "not.a.token");
        for (String token : refused) {
            anonymous.get().uri("/api/v1/orders").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                    .expectHeader().contentType("application/problem+json")
                    .expectBody(String.class).value(body -> assertThat(body)
                            .contains("urn:orders:problem:unauthorized").doesNotContain("Exception"));
        }
        anonymous.get().uri("/api/v1/orders").header("Authorization", "Bearer " + hs256(current, TestTokens.SECRET))
                .exchange().expectStatus().isOk();
    }

    @Test
    void requestIdsAreEchoedGeneratedWhenMissingAndLogged(CapturedOutput output) {
        http.get().uri("/api/v1/orders?limit=1").header("X-Request-ID", "client-req-4711").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-ID", "client-req-4711");
        String generated = http.get().uri("/api/v1/orders?limit=1").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-ID");
        assertThat(generated).matches("[0-9a-f-]{36}");
        String replaced = http.get().uri("/api/v1/orders?limit=1").header("X-Request-ID", "bad id\twith junk")
                .exchange().returnResult(String.class).getResponseHeaders().getFirst("X-Request-ID");
        assertThat(replaced).matches("[0-9a-f-]{36}");
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(output.getAll())
                .contains("request_id=client-req-4711").contains("request_id=" + generated));
    }

    @Test
    void oversizedBodiesAreRefusedWith413() {
        String huge = "{\"lines\":[],\"paymentToken\":\"" + "x".repeat(70 * 1024) + "\"}";
        http.post().uri("/api/v1/products").header("Content-Type", "application/json").bodyValue(huge).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.detail").isEqualTo("The request body is larger than 65536 bytes");
    }

    @Test
    void answersCarrySecurityHeadersAndCorsFollowsTheAllowList() {
        http.get().uri("/api/v1/orders?limit=1").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("default-src 'self'"))
                .expectHeader().value("Cache-Control", cache -> assertThat(cache).contains("no-store"));

        http.options().uri("/api/v1/orders")
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type, Idempotency-Key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", ALLOWED_ORIGIN);
        http.options().uri("/api/v1/orders")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin");
    }

    private static JWTClaimsSet claims(String issuer, Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject("mallory").claim("roles", List.of("OPS"))
                .issueTime(Date.from(issued)).expirationTime(Date.from(expires)).build();
    }

    private static String hs256(JWTClaimsSet claims, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
