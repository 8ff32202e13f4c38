package dev.orders.platform.security;

import dev.orders.api.error.ConflictException;
import dev.orders.api.error.InvalidRequestException;
import dev.orders.api.error.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Registration, login, token refresh and role grants. */
@Component
@LocalAccounts
class Accounts {

    static final int MIN_PASSWORD_LENGTH = 12;
    /** bcrypt reads no further than this. */
    static final int MAX_PASSWORD_BYTES = 72;

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AccessTokens accessTokens;
    private final SecurityProperties properties;
    private final Clock clock = Clock.systemUTC();

    Accounts(AccountStore store, PasswordHasher hasher, LoginThrottle throttle, AccessTokens accessTokens,
             SecurityProperties properties) {
        this.store = store;
        this.hasher = hasher;
        this.throttle = throttle;
        this.accessTokens = accessTokens;
        this.properties = properties;
    }

    /** A new account with the given roles; 409 when the e-mail address is taken. */
    Mono<Account> register(Credentials credentials, Set<Role> roles) {
        return Mono.defer(() -> {
            String email = normalise(credentials.email());
            checkPassword(credentials.password());
            return hasher.hash(credentials.password())
                    .flatMap(hash -> store.create(email, hash, roles))
                    .switchIfEmpty(Mono.error(() -> new ConflictException(
                            "An account with this e-mail address exists already")))
                    .doOnNext(account -> log.info("Registered account {} with roles {}", account.id(),
                            account.roles()));
        });
    }

    Mono<TokenPair> login(Credentials credentials) {
        return Mono.defer(() -> {
            String email = normalise(credentials.email());
            throttle.check(email);
            return store.findByEmail(email)
                    .map(account -> new Found(account, account.passwordHash()))
                    .defaultIfEmpty(new Found(null, null))
                    .flatMap(found -> hasher.matches(credentials.password(), found.hash())
                            .flatMap(matches -> {
                                if (!matches) {
                                    throttle.failed(email);
                                    return Mono.error(new BadCredentialsException("Wrong e-mail or password"));
                                }
                                throttle.succeeded(email);
                                return issue(found.account());
                            }));
        });
    }

    /**
     * A new pair for an unused refresh token; the old one is spent. Presenting a spent token again means it leaked
     * (or a client retried): every session of the account ends, and its owner logs in again.
     */
    Mono<TokenPair> refresh(String refreshToken) {
        String hash = RefreshTokens.hash(refreshToken);
        return store.useRefreshToken(hash)
                .flatMap(store::findById)
                .flatMap(this::issue)
                .switchIfEmpty(Mono.defer(() -> store.accountOfUsedToken(hash)
                        .flatMap(account -> store.revokeRefreshTokens(account)
                                .doOnNext(revoked -> log.warn("A spent refresh token of account {} was presented"
                                        + " again; ended its {} open sessions", account, revoked)))
                        .then(Mono.error(new BadCredentialsException("The refresh token is invalid or expired")))));
    }

    Mono<Account> grant(UUID accountId, List<String> roleNames) {
        return Mono.defer(() -> {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String name : roleNames) {
                roles.add(Role.parse(name).orElseThrow(() -> new InvalidRequestException(
                        "Unknown role '" + name + "'; roles are CUSTOMER, OPS and ANALYST")));
            }
            return store.setRoles(accountId, roles)
                    .switchIfEmpty(Mono.error(() -> new NotFoundException("account", accountId)))
                    .doOnNext(account -> log.info("Roles of account {} set to {}", accountId, account.roles()));
        });
    }

    Mono<Account> findByEmail(String email) {
        return store.findByEmail(normalise(email));
    }

    private Mono<TokenPair> issue(Account account) {
        // SecureRandom may read the OS entropy source: not on the event loop a database answer arrives on.
        return Mono.fromCallable(() -> new TokenPair(
                        accessTokens.issue(account.id().toString(), account.email(), account.roles()),
                        RefreshTokens.generate(), accessTokens.ttl().toSeconds(), "Bearer"))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(pair -> store.saveRefreshToken(RefreshTokens.hash(pair.refreshToken()), account.id(),
                                clock.instant().plus(properties.refreshTokenTtl()))
                        .thenReturn(pair));
    }

    static void checkPassword(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidRequestException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new InvalidRequestException("password must be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
        }
    }

    static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private record Found(Account account, String hash) {
    }
}
