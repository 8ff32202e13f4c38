-- Where customers want to hear about their orders. Owned by this module; written only through its HTTP API.
CREATE TABLE notification.contacts (
    customer_id    VARCHAR(100)             NOT NULL,
    email          VARCHAR(254),
    webhook_url    VARCHAR(2048),
    -- Key of the webhook signatures (HMAC-SHA256); generated on first registration, never changed by a PUT.
    webhook_secret VARCHAR(64)              NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (customer_id)
);

-- One row per (event, channel): the notification log and, through its unique key, the de-duplication record.
-- A delivery claims its row (status SENDING, claimed_until = lease) in the same statement that checks it, so a
-- redelivered event finds SENT or SKIPPED and sends nothing; FAILED rows and expired claims may be claimed again.
CREATE TABLE notification.notification_log (
    id            BIGINT GENERATED ALWAYS AS IDENTITY,
    event_id      VARCHAR(200)             NOT NULL,
    channel       VARCHAR(16)              NOT NULL CHECK (channel IN ('EMAIL', 'WEBHOOK')),
    order_id      UUID                     NOT NULL,
    customer_id   VARCHAR(100)             NOT NULL,
    event_type    VARCHAR(200)             NOT NULL,
    recipient     VARCHAR(2048),
    status        VARCHAR(16)              NOT NULL CHECK (status IN ('SENDING', 'SENT', 'SKIPPED', 'FAILED')),
    attempts      INTEGER                  NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    detail        VARCHAR(1000),
    claimed_until TIMESTAMP WITH TIME ZONE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT notification_log_event_channel UNIQUE (event_id, channel)
);

CREATE INDEX notification_log_by_order ON notification.notification_log (order_id, created_at, id);
