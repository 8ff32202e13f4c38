-- When each saga was stored first, for the age of the oldest running saga (orders_sagas_oldest_age_seconds). Axon
-- names the columns it inserts, so the database fills this one; updates leave it alone. Sagas already running when
-- this migration runs count from the migration.
ALTER TABLE sagaentry ADD COLUMN startedat TIMESTAMPTZ NOT NULL DEFAULT now();
