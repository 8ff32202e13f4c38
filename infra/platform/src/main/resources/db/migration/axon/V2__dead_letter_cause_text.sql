-- Axon's JDBC dead-letter queue stores the failure's whole message, but declares the column VARCHAR(1023). A failed
-- SQL statement's message (statement, constraint, failing row) is longer than that, and then parking the event fails
-- too: the processor retries the batch for ever instead of parking one aggregate's events. TEXT takes any message.
ALTER TABLE deadletterentry ALTER COLUMN causemessage TYPE TEXT;
