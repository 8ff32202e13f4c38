package dev.orders.bench;

import java.util.concurrent.TimeUnit;

/**
 * One logged-in account of the harness: its current access token, read on every request, and when to renew it.
 * Only {@link BenchAccounts}' refresher renews it, one renewal at a time: refresh tokens work once, and presenting one
 * twice makes the instance end every session of the account.
 */
final class TokenSession {

    /** Whose account: the operator from the environment, or a customer the harness registered. */
    enum Kind { OPERATOR, CUSTOMER }

    private final Kind kind;
    private final String accountId;
    private final Credentials credentials;
    private volatile String accessToken;
    private volatile String refreshToken;
    private volatile long renewAtNanos;
    private volatile long expiresAtNanos;

    TokenSession(Kind kind, String accountId, Credentials credentials, Tokens tokens, long requestedAtNanos) {
        this.kind = kind;
        this.accountId = accountId;
        this.credentials = credentials;
        update(tokens, requestedAtNanos);
    }

    Kind kind() {
        return kind;
    }

    /** The account id, which is the customer id of a customer's orders (the token's subject). */
    String accountId() {
        return accountId;
    }

    String email() {
        return credentials.email();
    }

    Credentials credentials() {
        return credentials;
    }

    String accessToken() {
        return accessToken;
    }

    String refreshToken() {
        return refreshToken;
    }

    /** Renewed once two thirds of the token's life have passed, which leaves a third for the renewal to succeed. */
    boolean renewalDue(long nowNanos) {
        return nowNanos - renewAtNanos >= 0;
    }

    boolean expired(long nowNanos) {
        return nowNanos - expiresAtNanos >= 0;
    }

    /**
     * Takes a new pair; lifetimes count from when the request was sent, so a slow answer makes the renewal earlier,
     * never later.
     */
    void update(Tokens tokens, long requestedAtNanos) {
        long life = TimeUnit.SECONDS.toNanos(Math.max(1, tokens.expiresInSeconds()));
        this.accessToken = tokens.accessToken();
        this.refreshToken = tokens.refreshToken();
        this.expiresAtNanos = requestedAtNanos + life;
        this.renewAtNanos = requestedAtNanos + life / 3 * 2;
    }

    @Override
    public String toString() {
        return "TokenSession[" + kind + " " + credentials.email() + "]";
    }

    /** What login and refresh answer; {@code expiresInSeconds} is the access token's lifetime. */
    record Tokens(String accessToken, String refreshToken, long expiresInSeconds) {

        @Override
        public String toString() {
            return "Tokens[expiresIn=" + expiresInSeconds + "]";
        }
    }
}
