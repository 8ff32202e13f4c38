package dev.orders.platform.axon;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Registers the annotated component only while the events live in PostgreSQL's {@code axon.domainevententry}
 * table, i.e. not in Axon Server. For code that reads that table with SQL (the NDJSON export, projection rebuilds):
 * with Axon Server as the event store the table stays empty, and a rebuild from it would erase a read model.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnJdbcEventStoreCondition.class)
public @interface ConditionalOnJdbcEventStore {
}
