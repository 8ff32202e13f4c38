package dev.orders.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.AnnotatedMessageHandlingMemberDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.junit.jupiter.api.Test;

class SavepointPerEventTest {

    private final SavepointPerEvent guard =
            new SavepointPerEvent(new DeadLetteringGroups(Set.of("order-view")), null, null);

    @Test
    void guardsTheEventHandlersOfDeadLetteringGroupsOnly() throws Exception {
        assertThat(guard.wrapHandler(member(Projection.class))).isInstanceOf(WrappedMessageHandlingMember.class);
        assertThat(guard.wrapHandler(member(Publisher.class))).isNotInstanceOf(WrappedMessageHandlingMember.class);
        assertThat(guard.wrapHandler(member(Ungrouped.class))).isNotInstanceOf(WrappedMessageHandlingMember.class);
    }

    private static <T> MessageHandlingMember<T> member(Class<T> type) throws NoSuchMethodException {
        return new AnnotatedMessageHandlingMemberDefinition()
                .createHandler(type, type.getDeclaredMethod("on", String.class),
                        ClasspathParameterResolverFactory.forClass(type))
                .orElseThrow();
    }

    @ProcessingGroup("order-view")
    static class Projection {
        @EventHandler
        void on(String event) {
        }
    }

    @ProcessingGroup("kafka-publisher")
    static class Publisher {
        @EventHandler
        void on(String event) {
        }
    }

    static class Ungrouped {
        @EventHandler
        void on(String event) {
        }
    }
}
