package dev.orders.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The instance's account endpoints as the harness uses them: register, log in, refresh, and ask who a token
 * belongs to. Refusals that no retry can fix become {@link AccessRefused}.
 */
final class AuthApi {

    static final String REGISTER = "/api/v1/auth/register";
    static final String LOGIN = "/api/v1/auth/login";
    static final String REFRESH = "/api/v1/auth/refresh";
    static final String ME = "/api/v1/auth/me";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpApi api;

    AuthApi(HttpApi api) {
        this.api = api;
    }

    /** Registers a customer account and answers its id. */
    Mono<String> register(Credentials credentials) {
        return api.postJson(REGISTER, credentialsJson(credentials), null, Map.of())
                .map(response -> {
                    if (response.status() == 201) {
                        return field(response, "id", "POST " + REGISTER);
                    }
                    throw refused(response, "POST " + REGISTER, null);
                });
    }

    /** Logs in; {@code operator} says whether refusals should name the operator's environment variables. */
    Mono<TokenSession.Tokens> login(Credentials credentials, boolean operator) {
        return api.postJson(LOGIN, credentialsJson(credentials), null, Map.of())
                .map(response -> {
                    if (response.status() == 200) {
                        return tokens(response, "POST " + LOGIN);
                    }
                    throw refused(response, "POST " + LOGIN, operator ? credentials.email() : null);
                });
    }

    /**
     * A new pair for a refresh token. A refusal of the token itself (401: spent, revoked or expired) is a
     * {@link RefreshRefused}, which logging in again cures; 429 and 404 are {@link AccessRefused}.
     */
    Mono<TokenSession.Tokens> refresh(String refreshToken) {
        ObjectNode body = JSON.createObjectNode().put("refreshToken", refreshToken);
        return api.postJson(REFRESH, JSON.writeValueAsString(body), null, Map.of())
                .map(response -> {
                    if (response.status() == 200) {
                        return tokens(response, "POST " + REFRESH);
                    }
                    if (response.status() == 401) {
                        throw new RefreshRefused(AccessRefused.detail(response.body()));
                    }
                    throw refused(response, "POST " + REFRESH, null);
                });
    }

    /** The account id and roles the instance reads from the session's token. */
    Mono<Me> me(TokenSession session) {
        return api.get(ME, session).map(response -> {
            if (response.status() != 200) {
                throw new IllegalStateException("GET " + ME + " answered HTTP " + response.status() + ": "
                        + AccessRefused.detail(response.body()));
            }
            JsonNode me = JSON.readTree(response.body());
            List<String> roles = new ArrayList<>();
            me.path("roles").forEach(role -> roles.add(role.asString()));
            return new Me(me.path("id").asString(""), List.copyOf(roles));
        });
    }

    private static RuntimeException refused(HttpApi.Response response, String request, String operatorEmail) {
        int status = response.status();
        if (AccessRefused.stopsTheRun(status) || status == 404) {
            return AccessRefused.atAccounts(status, request, response.body(), operatorEmail);
        }
        return new IllegalStateException(request + " answered HTTP " + status + ": "
                + AccessRefused.detail(response.body()));
    }

    private static TokenSession.Tokens tokens(HttpApi.Response response, String request) {
        JsonNode pair = JSON.readTree(response.body());
        String access = pair.path("accessToken").asString("");
        String refresh = pair.path("refreshToken").asString("");
        long expiresIn = pair.path("expiresIn").asLong(0);
        if (access.isEmpty() || refresh.isEmpty() || expiresIn <= 0) {
            throw new IllegalStateException(request + " answered 200 without accessToken, refreshToken and expiresIn");
        }
        return new TokenSession.Tokens(access, refresh, expiresIn);
    }

    private static String field(HttpApi.Response response, String name, String request) {
        String value = JSON.readTree(response.body()).path(name).asString("");
        if (value.isEmpty()) {
            throw new IllegalStateException(request + " answered without '" + name + "'");
        }
        return value;
    }

    private static String credentialsJson(Credentials credentials) {
        return JSON.writeValueAsString(JSON.createObjectNode()
                .put("email", credentials.email())
                .put("password", credentials.password()));
    }

    /** Who a token belongs to. */
    record Me(String id, List<String> roles) {
    }

    /** The instance did not take a refresh token (spent, revoked or expired); a new login replaces it. */
    static final class RefreshRefused extends RuntimeException {
        RefreshRefused(String detail) {
            super("the refresh token was refused: " + detail);
        }
    }
}
