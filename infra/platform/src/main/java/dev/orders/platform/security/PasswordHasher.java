package dev.orders.platform.security;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * bcrypt on threads of its own: one hash costs tens of milliseconds of CPU, which must neither stall an event loop
 * nor queue behind JDBC work.
 */
@Component
@LocalAccounts
class PasswordHasher implements DisposableBean {

    private final BCryptPasswordEncoder encoder;
    private final Scheduler scheduler;
    /** Compared against when the e-mail is unknown, so an unknown address takes as long as a wrong password. */
    private final String decoy;

    PasswordHasher(SecurityProperties properties) {
        this.encoder = new BCryptPasswordEncoder(properties.bcryptStrength());
        this.scheduler = Schedulers.newBoundedElastic(Runtime.getRuntime().availableProcessors(), 1_000,
                "orders-bcrypt", 60, true);
        this.decoy = encoder.encode("decoy password that matches nothing");
    }

    Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(scheduler);
    }

    /** Whether the password matches; {@code null} hash (unknown account) never does, after the same work. */
    Mono<Boolean> matches(String password, String hash) {
        return Mono.fromCallable(() -> encoder.matches(password, hash == null ? decoy : hash) && hash != null)
                .subscribeOn(scheduler);
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
