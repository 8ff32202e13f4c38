package dev.orders.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing per e-mail address: after a few failures the address is locked for a while, and each
 * further failure doubles the lock. Kept in memory per instance (a guesser spread over instances gets a multiple of
 * the budget, still far too little to matter); a success clears the address.
 */
@Component
@LocalAccounts
class LoginThrottle {

    /** Entries beyond this many are pruned of expired ones, so a flood of addresses cannot exhaust the heap. */
    private static final int PRUNE_ABOVE = 100_000;

    private final SecurityProperties.LoginThrottle settings;
    private final Clock clock;
    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

    @Autowired
    LoginThrottle(SecurityProperties properties) {
        this(properties.loginThrottle(), Clock.systemUTC());
    }

    LoginThrottle(SecurityProperties.LoginThrottle settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Refuses an attempt while the address is locked. */
    void check(String email) {
        Failures current = failures.get(key(email));
        Instant now = clock.instant();
        if (current != null && current.lockedUntil().isAfter(now)) {
            throw new TooManyRequestsException("Too many failed logins for this account; try again later",
                    Duration.between(now, current.lockedUntil()));
        }
    }

    void failed(String email) {
        Instant now = clock.instant();
        if (failures.size() > PRUNE_ABOVE) {
            failures.values().removeIf(entry -> entry.lockedUntil().plus(settings.maxLock()).isBefore(now));
        }
        failures.compute(key(email), (address, previous) -> {
            int count = previous == null ? 1 : previous.count() + 1;
            int over = count - settings.freeFailures();
            if (over <= 0) {
                return new Failures(count, Instant.MIN);
            }
            Duration lock = settings.firstLock().multipliedBy(1L << Math.min(over - 1, 20));
            if (lock.compareTo(settings.maxLock()) > 0) {
                lock = settings.maxLock();
            }
            return new Failures(count, now.plus(lock));
        });
    }

    void succeeded(String email) {
        failures.remove(key(email));
    }

    private static String key(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private record Failures(int count, Instant lockedUntil) {
    }
}
