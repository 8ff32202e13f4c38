package dev.orders.bench;

import java.util.Map;

/** Where a topic's offsets come from: the brokers in a run ({@link AdminTopicOffsets}), scripted ones in tests. */
interface TopicOffsets extends AutoCloseable {

    /** The topic's earliest and end offsets and the consumer group's committed offsets, per partition. */
    Snapshot read() throws Exception;

    /** How many partitions the topic has. */
    int partitions();

    @Override
    void close();

    /** Offsets per partition at one moment. */
    record Snapshot(Map<Integer, Long> earliest, Map<Integer, Long> end, Map<Integer, Long> committed) {

        public Snapshot {
            earliest = Map.copyOf(earliest);
            end = Map.copyOf(end);
            committed = Map.copyOf(committed);
        }

        /** Records ever appended to the topic: the sum of its end offsets (the producer is not transactional). */
        long published() {
            return end.values().stream().mapToLong(Long::longValue).sum();
        }

        /**
         * Records the group has not committed yet, summed over the partitions; a partition without a committed
         * offset counts from its earliest record, as a new consumer of the group would start there.
         */
        long lag() {
            long lag = 0;
            for (Map.Entry<Integer, Long> partition : end.entrySet()) {
                long from = committed.getOrDefault(partition.getKey(), earliest.getOrDefault(partition.getKey(), 0L));
                lag += Math.max(0, partition.getValue() - from);
            }
            return lag;
        }
    }
}
