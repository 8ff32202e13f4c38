package dev.orders.platform.security;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code accounts.account} and {@code accounts.refresh_token}, read and written without blocking. */
@Component
@LocalAccounts
class AccountStore {

    private static final String COLUMNS = "id, email, password_hash, roles";

    private final DatabaseClient database;

    AccountStore(DatabaseClient database) {
        this.database = database;
    }

    /** Creates the account; empty when the e-mail address is taken. */
    Mono<Account> create(String email, String passwordHash, Set<Role> roles) {
        return database.sql("INSERT INTO accounts.account (id, email, password_hash, roles, created_at, updated_at)"
                        + " VALUES (:id, :email, :hash, :roles, now(), now())"
                        + " ON CONFLICT DO NOTHING RETURNING " + COLUMNS)
                .bind("id", UUID.randomUUID())
                .bind("email", email)
                .bind("hash", passwordHash)
                .bind("roles", names(roles))
                .map(AccountStore::account)
                .one();
    }

    Mono<Account> findByEmail(String email) {
        return database.sql("SELECT " + COLUMNS + " FROM accounts.account WHERE lower(email) = lower(:email)")
                .bind("email", email)
                .map(AccountStore::account)
                .one();
    }

    Mono<Account> findById(UUID id) {
        return database.sql("SELECT " + COLUMNS + " FROM accounts.account WHERE id = :id")
                .bind("id", id)
                .map(AccountStore::account)
                .one();
    }

    /** Replaces the account's roles; empty when there is no such account. */
    Mono<Account> setRoles(UUID id, Set<Role> roles) {
        return database.sql("UPDATE accounts.account SET roles = :roles, updated_at = now() WHERE id = :id"
                        + " RETURNING " + COLUMNS)
                .bind("id", id)
                .bind("roles", names(roles))
                .map(AccountStore::account)
                .one();
    }

    Mono<Void> saveRefreshToken(String tokenHash, UUID accountId, Instant expiresAt) {
        return database.sql("INSERT INTO accounts.refresh_token (token_hash, account_id, expires_at, created_at)"
                        + " VALUES (:hash, :account, :expires, now())")
                .bind("hash", tokenHash)
                .bind("account", accountId)
                .bind("expires", expiresAt)
                .then();
    }

    /**
     * Marks an unused, unexpired refresh token used and returns its account: one statement, so two concurrent uses
     * of one token cannot both succeed.
     */
    Mono<UUID> useRefreshToken(String tokenHash) {
        return database.sql("UPDATE accounts.refresh_token SET used_at = now()"
                        + " WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now() RETURNING account_id")
                .bind("hash", tokenHash)
                .map(row -> row.get("account_id", UUID.class))
                .one();
    }

    /** The account of a token that was already used; empty for unknown tokens. */
    Mono<UUID> accountOfUsedToken(String tokenHash) {
        return database.sql("SELECT account_id FROM accounts.refresh_token"
                        + " WHERE token_hash = :hash AND used_at IS NOT NULL")
                .bind("hash", tokenHash)
                .map(row -> row.get("account_id", UUID.class))
                .one();
    }

    /** Ends every session of the account. */
    Mono<Long> revokeRefreshTokens(UUID accountId) {
        return database.sql("UPDATE accounts.refresh_token SET used_at = now()"
                        + " WHERE account_id = :account AND used_at IS NULL")
                .bind("account", accountId)
                .fetch()
                .rowsUpdated();
    }

    private static String[] names(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toArray(String[]::new);
    }

    private static Account account(Readable row) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(row.get("roles", String[].class)).forEach(name -> Role.parse(name).ifPresent(roles::add));
        return new Account(row.get("id", UUID.class), row.get("email", String.class),
                row.get("password_hash", String.class), roles);
    }
}
