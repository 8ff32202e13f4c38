package dev.orders.platform.deadletter;

import java.util.Set;
import java.util.TreeSet;
import org.axonframework.springboot.EventProcessorProperties;

/**
 * The processing groups that park failing events in a dead-letter queue, as configured by
 * {@code axon.eventhandling.processors.<name>.dlq.enabled}: one switch drives the queue, the savepoints and the metrics.
 */
public record DeadLetteringGroups(Set<String> names) {

    public DeadLetteringGroups {
        names = Set.copyOf(new TreeSet<>(names));
    }

    static DeadLetteringGroups from(EventProcessorProperties properties) {
        Set<String> names = new TreeSet<>();
        properties.getProcessors().forEach((name, settings) -> {
            if (settings.getDlq() != null && settings.getDlq().isEnabled()) {
                names.add(name);
            }
        });
        return new DeadLetteringGroups(names);
    }

    public boolean contains(String group) {
        return names.contains(group);
    }
}
