-- The outbox relay leases partitions of the outbox instead of rows: a row's partition is a stable hash of its
-- kafka_key (computed by the relay, (hashtext(kafka_key) & 2147483647) % partitions), so one account's rows are
-- published by one relay at a time, in id order, however many gateway instances run a relay.

-- One row per partition (the relay adds missing rows at start for the partition count it is configured with);
-- a partition belongs to owner until lease_until, renewed every second or so by a live relay.
CREATE TABLE outbox_lease (
    partition    integer PRIMARY KEY CHECK (partition >= 0),
    owner        text,
    lease_until  timestamptz
);

-- Relays that are alive (heartbeat with the lease renewal): each takes at most ceil(partitions / live relays).
CREATE TABLE outbox_relay (
    owner        text PRIMARY KEY,
    alive_until  timestamptz NOT NULL
);

-- Rows are no longer leased one by one.
ALTER TABLE outbox DROP COLUMN lease_owner, DROP COLUMN lease_until;
