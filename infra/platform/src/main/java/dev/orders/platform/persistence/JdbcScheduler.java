package dev.orders.platform.persistence;

import org.springframework.beans.factory.DisposableBean;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The threads on which reactive code runs blocking JDBC work (Axon's buses, the event store). They are sized to
 * the JDBC pool, so a burst of requests queues here instead of starving Reactor's shared bounded-elastic pool,
 * which other libraries (and, in tests, HTTP clients in the same JVM) use as well.
 */
public final class JdbcScheduler implements DisposableBean {

    /** Requests beyond this many waiting for a thread are refused rather than queued without bound. */
    private static final int MAX_QUEUED = 10_000;

    private final Scheduler scheduler;

    public JdbcScheduler(int threads) {
        this.scheduler = Schedulers.newBoundedElastic(threads, MAX_QUEUED, "orders-jdbc", 60, true);
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
