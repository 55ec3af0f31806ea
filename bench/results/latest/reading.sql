\set n random(0, :accounts - 1)
\set k random(1, 2000000000)
BEGIN;
INSERT INTO idempotency_record (client_id, idem_key, fingerprint) VALUES ('pgbench', :client_id || '-' || :k, 'fp') ON CONFLICT DO NOTHING RETURNING 1;
SELECT r.meter_id, r.last_value FROM account a JOIN meter m ON m.account_id = a.id JOIN meter_register r ON r.meter_id = m.id WHERE a.supplier = 'esplus' AND a.number = (:first + :n)::text ORDER BY r.meter_id, r.register FOR UPDATE OF r;
INSERT INTO reading (id, supplier, account_id, meter_id, period, late, needs_review, source, client_id, submitted_at, registers, estimated_charge) SELECT gen_random_uuid(), 'esplus', m.account_id, m.id, date_trunc('month', now())::date, false, false, 'pgbench', 'pgbench', now(), '[{"register":"T1","previous":1000,"current":1001,"consumption":1,"rollover":false}]'::jsonb, 647 FROM meter m JOIN account a ON a.id = m.account_id WHERE a.supplier = 'esplus' AND a.number = (:first + :n)::text;
UPDATE meter_register r SET last_reading_at = now() FROM meter m JOIN account a ON a.id = m.account_id WHERE r.meter_id = m.id AND a.supplier = 'esplus' AND a.number = (:first + :n)::text;
INSERT INTO outbox (event_id, topic, kafka_key, payload, sent_at) VALUES (gen_random_uuid(), 'pgbench', 'esplus:pgbench', repeat('x', 700), now());
UPDATE idempotency_record SET status = 201, body = repeat('y', 400) WHERE client_id = 'pgbench' AND idem_key = :client_id || '-' || :k;
END;
