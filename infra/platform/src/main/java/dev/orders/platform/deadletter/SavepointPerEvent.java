package dev.orders.platform.deadletter;

import java.util.Map;
import java.util.Optional;
import javax.annotation.Nonnull;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Makes Axon's dead-letter queue work on PostgreSQL, for the event handlers of dead-lettering processing groups.
 * <ul>
 * <li><b>A savepoint per event.</b> A processor handles a batch of events in one transaction. When a handler's SQL
 * fails, PostgreSQL aborts the whole transaction, so parking the event and going on with the batch would fail too
 * and the processor would retry the batch for ever. Rolling back to a savepoint taken before the handler leaves the
 * transaction usable: the failed event's writes are undone, it is parked, and the batch commits.</li>
 * <li><b>One writer per group.</b> The first handler call in a transaction takes a transaction-scoped advisory lock
 * named after the group. A dead-letter retry (an operator's request, on any instance) and the live processor
 * (wherever its segments run) then never write at the same time, so what a projection records in commit order
 * (e.g. the order change log's positions) stays in commit order.</li>
 * </ul>
 */
final class SavepointPerEvent implements HandlerEnhancerDefinition {

    private static final TransactionDefinition NESTED =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);
    private static final String LOCKED = SavepointPerEvent.class.getName() + ".locked";

    private final DeadLetteringGroups groups;
    private final PlatformTransactionManager transactions;
    private final JdbcTemplate jdbc;

    SavepointPerEvent(DeadLetteringGroups groups, PlatformTransactionManager transactions, JdbcTemplate jdbc) {
        this.groups = groups;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @Override
    public <T> @Nonnull MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        return group(original.declaringClass()).filter(groups::contains)
                .<MessageHandlingMember<T>>map(group -> new Guarded<>(original, group))
                .orElse(original);
    }

    static Optional<String> group(Class<?> handlerClass) {
        return Optional.ofNullable(AnnotatedElementUtils.findMergedAnnotation(handlerClass, ProcessingGroup.class))
                .map(ProcessingGroup::value);
    }

    private final class Guarded<T> extends WrappedMessageHandlingMember<T> {

        private final String group;

        private Guarded(MessageHandlingMember<T> delegate, String group) {
            super(delegate);
            this.group = group;
        }

        @Override
        public Object handle(@Nonnull Message<?> message, T target) throws Exception {
            lockGroupOnce();
            TransactionStatus savepoint = transactions.getTransaction(NESTED);
            Object result;
            try {
                result = super.handle(message, target);
            } catch (Exception | Error e) {
                transactions.rollback(savepoint);
                throw e;
            }
            transactions.commit(savepoint);
            return result;
        }

        private void lockGroupOnce() {
            if (!CurrentUnitOfWork.isStarted()) {
                return;
            }
            Map<String, Object> resources = CurrentUnitOfWork.get().root().resources();
            if (resources.putIfAbsent(LOCKED + "." + group, Boolean.TRUE) == null) {
                // hashtext gives a stable 32-bit key per name; the lock ends with the transaction.
                jdbc.query("SELECT pg_advisory_xact_lock(hashtext(?))", row -> { }, "orders.deadletter." + group);
            }
        }
    }
}
