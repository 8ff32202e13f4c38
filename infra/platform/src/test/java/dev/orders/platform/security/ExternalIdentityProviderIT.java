package dev.orders.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.orders.platform.web.ProblemDetailsAdvice;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tokens from an external identity provider: the key set is generated here and served over HTTP as the provider would,
 * and the application verifies tokens against it. Its own HS256 tokens and unsigned tokens are refused, and the
 * local account endpoints are gone.
 */
class ExternalIdentityProviderIT {

    private static RSAKey providerKey;
    private static HttpServer keySetServer;
    private static ConfigurableApplicationContext app;
    private static WebTestClient http;

    @RestController
    static class AdminProbe {
        @GetMapping("/api/v1/admin/probe")
        Map<String, String> probe() {
            return Map.of("ok", "yes");
        }
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, JacksonAutoConfiguration.class,
            CodecsAutoConfiguration.class, HttpHandlerAutoConfiguration.class, WebFluxAutoConfiguration.class,
            NettyReactiveWebServerAutoConfiguration.class})
    @Import({SecurityConfiguration.class, JwtConfiguration.class, TokenCallerIdentity.class, MeController.class,
            ProblemDetailsAdvice.class, AdminProbe.class})
    static class App {
    }

    @BeforeAll
    static void start() throws Exception {
        providerKey = new RSAKeyGenerator(2048).keyID("provider-key-1").generate();
        byte[] keySet = new JWKSet(providerKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        keySetServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keySetServer.createContext("/keys", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keySet.length);
            exchange.getResponseBody().write(keySet);
            exchange.close();
        });
        keySetServer.start();
        app = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.REACTIVE)
                .properties(Map.of("server.port", "0",
                        "orders.security.jwt.jwks-uri",
                        "http://127.0.0.1:" + keySetServer.getAddress().getPort() + "/keys",
                        "orders.security.jwt.jwks-issuer", "https://idp.example",
                        "orders.security.jwt.roles-claim", "groups"))
                .run();
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (keySetServer != null) {
            keySetServer.stop(0);
        }
    }

    @Test
    void acceptsTheProvidersTokensWithTheirRoles() throws JOSEException {
        String token = signed(providerKey, claims("https://idp.example", List.of("ops", "unknown-group")));
        http.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("user-42")
                .jsonPath("$.email").isEqualTo("user42@idp.example")
                .jsonPath("$.roles.length()").isEqualTo(1)
                .jsonPath("$.roles[0]").isEqualTo("OPS");
        http.get().uri("/api/v1/admin/probe").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void rolesComeOnlyFromTheConfiguredClaim() throws JOSEException {
        String customer = signed(providerKey, claims("https://idp.example", List.of("customer")));
        http.get().uri("/api/v1/admin/probe").headers(h -> h.setBearerAuth(customer)).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void refusesTokensSignedByAnotherKeyFromAnotherIssuerOrUnsigned() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("provider-key-1").generate();
        for (String token : List.of(
                signed(stranger, claims("https://idp.example", List.of("ops"))),
                signed(providerKey, claims("https://evil.example", List.of("ops"))),
                hs256(claims("https://idp.example", List.of("ops"))),
                new PlainJWT(claims("https://idp.example", List.of("ops"))).serialize())) {
            http.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                    .expectBody().jsonPath("$.type").isEqualTo("urn:orders:problem:unauthorized");
        }
    }

    @Test
    void localAccountEndpointsAreNotOffered() {
        http.post().uri("/api/v1/auth/login")
                .bodyValue(Map.of("email", "a@b.test", "password", "long enough password")).exchange()
                .expectStatus().isNotFound();
    }

    private static JWTClaimsSet claims(String issuer, List<String> groups) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("user-42")
                .claim("email", "user42@idp.example")
                .claim("groups", groups)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .build();
    }

    private static String signed(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String hs256(JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner("a-shared-secret-that-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
