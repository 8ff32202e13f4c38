package dev.orders.platform.roles;

import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when this instance runs one of the roles named by {@link ConditionalOnRole}. */
final class OnRoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        InstanceRole[] wanted = attributes == null ? new InstanceRole[0] : (InstanceRole[]) attributes.get("value");
        return Roles.from(context.getEnvironment()).runsAny(wanted);
    }
}
