package dev.orders.platform.axon;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The same decision Axon's auto-configuration makes: Axon Server is the event store unless its connector
 * ({@code axon.axonserver.enabled}) or its event store ({@code axon.axonserver.event-store.enabled}) is switched
 * off; both default to on.
 */
final class OnJdbcEventStoreCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !axonServerStoresEvents(context.getEnvironment());
    }

    static boolean axonServerStoresEvents(Environment environment) {
        return environment.getProperty("axon.axonserver.enabled", Boolean.class, true)
                && environment.getProperty("axon.axonserver.event-store.enabled", Boolean.class, true);
    }
}
