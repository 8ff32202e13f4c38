package dev.orders.platform.observability;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import reactor.util.context.ContextView;

/**
 * Carries a request's context from Reactor's context onto the thread that works for it: the request's observation
 * (so its trace is current: Axon's spans become its children and the logs carry its ids) and the request id in the
 * logging context. For work that leaves the reactive chain, such as dispatching a command on a worker thread.
 */
public final class RequestContext {

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private RequestContext() {
    }

    /** Sets the thread locals from {@code context} until the returned scope is closed (on the same thread). */
    public static ContextSnapshot.Scope restore(ContextView context) {
        return SNAPSHOTS.setThreadLocalsFrom(context);
    }
}
