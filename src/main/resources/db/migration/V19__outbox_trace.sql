-- The W3C traceparent of the request that wrote an event (null when it was not traced): the relay publishes the
-- event as a child of that trace, so one trace runs from the caller's request through PostgreSQL to Kafka.
ALTER TABLE outbox ADD COLUMN traceparent text;
