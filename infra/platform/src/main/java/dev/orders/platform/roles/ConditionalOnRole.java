package dev.orders.platform.roles;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Registers the annotated component, configuration or bean only in an instance that runs at least one of the given
 * roles ({@code orders.roles}). This is how a role that is off starts none of its handlers, processors or endpoints.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnRoleCondition.class)
public @interface ConditionalOnRole {

    /** The roles any of which makes the component present. */
    InstanceRole[] value();
}
