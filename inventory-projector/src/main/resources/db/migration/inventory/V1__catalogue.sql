-- The catalogue and stock read model, written only by the inventory-catalogue projection.
-- last_sequence is the StockItem event sequence a row reflects: handlers only move it forward, so handling an
-- event twice (replays, redelivery after a crash) leaves the row as it was.
CREATE TABLE inventory.products (
    -- "C" collation: byte order, so cursor paging (sku > cursor ORDER BY sku) is the same on every server.
    sku           VARCHAR(64) COLLATE "C" NOT NULL,
    name          VARCHAR(200)            NOT NULL,
    price_cents   BIGINT                  NOT NULL CHECK (price_cents >= 0),
    currency      VARCHAR(3)              NOT NULL,
    on_hand       INTEGER                 NOT NULL CHECK (on_hand >= 0),
    reserved      INTEGER                 NOT NULL CHECK (reserved >= 0 AND reserved <= on_hand),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sequence BIGINT                  NOT NULL,
    PRIMARY KEY (sku)
);
