-- The order read model and its change log. Written only by the order-view projection (JDBC, inside Axon's
-- transaction); read by the query path (R2DBC).

CREATE TABLE order_query.orders (
    order_id            UUID         NOT NULL PRIMARY KEY,
    customer_id         VARCHAR(255) NOT NULL,
    status              VARCHAR(32)  NOT NULL,
    -- [{sku, quantity, unitPriceCents, lineTotalCents}]
    lines               JSONB        NOT NULL,
    total_cents         BIGINT       NOT NULL,
    currency            CHAR(3)      NOT NULL,
    rejection_reason    VARCHAR(64),
    rejection_detail    TEXT,
    cancellation_reason TEXT,
    placed_at           TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL,
    -- Sequence number of the order's last applied event: the projection only moves forward.
    version             BIGINT       NOT NULL
);

-- Listing is newest first by (placed_at, order_id), optionally per customer or per status.
CREATE INDEX orders_by_customer ON order_query.orders (customer_id, placed_at DESC, order_id DESC);
CREATE INDEX orders_by_status ON order_query.orders (status, placed_at DESC, order_id DESC);
CREATE INDEX orders_by_placed ON order_query.orders (placed_at DESC, order_id DESC);

-- Append-only: one row per applied order event, holding the whole new view. With a single projection segment
-- positions are assigned in commit order, so "everything after position n" is a gap-free resume point.
CREATE TABLE order_query.order_changes (
    position    BIGSERIAL    NOT NULL PRIMARY KEY,
    order_id    UUID         NOT NULL,
    customer_id VARCHAR(255) NOT NULL,
    sequence    BIGINT       NOT NULL,
    status      VARCHAR(32)  NOT NULL,
    view        JSONB        NOT NULL,
    changed_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT order_changes_once UNIQUE (order_id, sequence)
);

CREATE INDEX order_changes_by_customer ON order_query.order_changes (customer_id, position);
