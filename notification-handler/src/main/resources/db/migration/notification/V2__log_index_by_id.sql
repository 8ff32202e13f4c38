-- The log of an order is listed in insertion order (by id), not by created_at, which is each transaction's start.
DROP INDEX notification.notification_log_by_order;
CREATE INDEX notification_log_by_order ON notification.notification_log (order_id, id);
