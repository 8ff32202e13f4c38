package dev.orders.query;

import dev.orders.api.error.ConflictException;
import dev.orders.api.error.NotFoundException;
import dev.orders.platform.axon.ConditionalOnJdbcEventStore;
import dev.orders.platform.persistence.JdbcScheduler;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.axonframework.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The rebuildable read models of this module and their rebuilds, one at a time per read model. A PostgreSQL advisory
 * lock, held for the whole rebuild, keeps a second instance from rebuilding the same read model at once.
 */
@ConditionalOnRole(InstanceRole.QUERY)
@ConditionalOnJdbcEventStore
@Component
final class ProjectionRebuilds implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    private final Map<String, ProjectionRebuild> rebuilds = new LinkedHashMap<>();
    private final ExecutorService workers;
    private final DataSource dataSource;
    private final Scheduler blocking;
    private final ProjectionRebuild.Settings defaults;

    @Autowired
    ProjectionRebuilds(DataSource dataSource, JdbcTemplate jdbc, NamedParameterJdbcTemplate namedJdbc,
                       JdbcTransactionManager transactionManager, ObjectProvider<Configuration> axon,
                       JdbcScheduler scheduler,
                       @Value("${orders.projections.rebuild.page-size:1000}") int pageSize,
                       @Value("${orders.projections.rebuild.page-pause:0ms}") Duration pagePause,
                       @Value("${orders.projections.rebuild.lock-timeout:5s}") Duration lockTimeout) {
        this(dataSource, scheduler.scheduler(), new ProjectionRebuild.Settings(pageSize, pagePause, lockTimeout),
                List.of(rebuild(new OrderViewRebuild(), jdbc, namedJdbc, transactionManager, axon)));
    }

    ProjectionRebuilds(DataSource dataSource, Scheduler blocking, ProjectionRebuild.Settings defaults,
                       List<ProjectionRebuild> rebuilds) {
        this.dataSource = dataSource;
        this.blocking = blocking;
        this.defaults = defaults;
        rebuilds.forEach(rebuild -> this.rebuilds.put(rebuild.name(), rebuild));
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "projection-rebuild-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static ProjectionRebuild rebuild(RebuildTarget target, JdbcTemplate jdbc,
                                             NamedParameterJdbcTemplate namedJdbc,
                                             JdbcTransactionManager transactionManager,
                                             ObjectProvider<Configuration> axon) {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        return new ProjectionRebuild(target,
                new EventReplay(jdbc, () -> axon.getObject().eventSerializer()),
                new AxonLiveProcessor(target.name(), axon::getObject, jdbc),
                new ShadowTable(jdbc, transaction, target.table()),
                namedJdbc, transaction, Clock.systemUTC());
    }

    ProjectionRebuild.Settings defaults() {
        return defaults;
    }

    /** Starts a rebuild in the background; fails with 404 for an unknown name and 409 while one is running. */
    Mono<ProjectionStatus> start(String name, ProjectionRebuild.Settings settings) {
        ProjectionRebuild rebuild = find(name);
        return Mono.fromCallable(() -> {
            synchronized (rebuild) {
                if (rebuild.status().state().running()) {
                    throw alreadyRunning(name);
                }
                ClusterLock lock = ClusterLock.tryAcquire(dataSource, "orders.projections.rebuild." + name);
                if (lock == null) {
                    throw alreadyRunning(name);
                }
                if (!rebuild.begin()) {
                    lock.release();
                    throw alreadyRunning(name);
                }
                workers.execute(() -> {
                    try {
                        rebuild.run(settings);
                    } finally {
                        lock.release();
                    }
                });
                return rebuild.status();
            }
        }).subscribeOn(blocking);
    }

    ProjectionStatus status(String name) {
        return find(name).status();
    }

    List<ProjectionStatus> statuses() {
        return rebuilds.values().stream().map(ProjectionRebuild::status).toList();
    }

    @Override
    public void destroy() {
        rebuilds.values().forEach(ProjectionRebuild::stop);
        workers.shutdownNow();
    }

    private ProjectionRebuild find(String name) {
        ProjectionRebuild rebuild = rebuilds.get(name);
        if (rebuild == null) {
            throw new NotFoundException("projection", name);
        }
        return rebuild;
    }

    private static ConflictException alreadyRunning(String name) {
        return new ConflictException("A rebuild of " + name + " is already running");
    }

    /** A session-level advisory lock on a connection of its own, held until released. */
    private static final class ClusterLock {

        private final Connection connection;
        private final String key;

        private ClusterLock(Connection connection, String key) {
            this.connection = connection;
            this.key = key;
        }

        /** The lock, or null when another session holds it. */
        static ClusterLock tryAcquire(DataSource dataSource, String key) throws SQLException {
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(true);
                if (call(connection, "SELECT pg_try_advisory_lock(hashtext(?))", key)) {
                    return new ClusterLock(connection, key);
                }
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
            connection.close();
            return null;
        }

        void release() {
            try (Connection closing = connection) {
                call(closing, "SELECT pg_advisory_unlock(hashtext(?))", key);
            } catch (SQLException e) {
                log.warn("Releasing advisory lock {} failed, ending its session: {}", key, e.toString());
                try {
                    // The pool would keep the session, and with it the lock: end it instead.
                    connection.abort(Runnable::run);
                } catch (SQLException ignored) {
                    // the session is gone already, and its lock with it
                }
            }
        }

        private static boolean call(Connection connection, String sql, String key) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, key);
                try (ResultSet result = statement.executeQuery()) {
                    return result.next() && result.getBoolean(1);
                }
            }
        }
    }
}
