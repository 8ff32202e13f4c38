package dev.orders.platform.security;

import reactor.core.publisher.Mono;

/** Tells who the current request acts for; the one seam between endpoints and authentication. */
@FunctionalInterface
public interface CallerIdentity {

    /** The authenticated caller of the current request. */
    Mono<Caller> caller();
}
