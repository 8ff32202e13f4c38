-- Which instances run a streaming processor right now: each one refreshes its row every few seconds, and the
-- segment balancer lets every live instance own its fair share of the processor's segments.
CREATE TABLE processor_instance (
    processor_name VARCHAR(255)             NOT NULL,
    instance_id    VARCHAR(255)             NOT NULL,
    seen_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (processor_name, instance_id)
);
