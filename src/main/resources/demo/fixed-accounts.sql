-- The fixed demo accounts of SPEC section 6 and the demo portal client. Idempotent: existing rows stay.
INSERT INTO account (supplier, number, holder, address) VALUES
    ('esplus', '3300000001', 'Ivanova', 'Krasnoyarsk, Mira 1, apt 1'),
    ('esplus', '3300000002', 'Petrov', 'Krasnoyarsk, Lenina 2, apt 5'),
    ('kyivenergo', '100000000000001', 'Shevchenko', 'Kyiv, Khreshchatyk 1, apt 1'),
    ('ntvplus', '2256884759', 'Smirnov', 'Moscow, Tverskaya 7, apt 3')
ON CONFLICT (supplier, number) DO NOTHING;

INSERT INTO meter (account_id, code, service, digits)
SELECT a.id, m.code, m.service, m.digits
FROM (VALUES ('esplus', '3300000001', 'E-1', 'electricity', 5),
             ('esplus', '3300000002', 'E-2', 'electricity', 6),
             ('kyivenergo', '100000000000001', 'H-1', 'heat', 5),
             ('kyivenergo', '100000000000001', 'W-1', 'hot-water', 5)) AS m(supplier, number, code, service, digits)
JOIN account a ON a.supplier = m.supplier AND a.number = m.number
ON CONFLICT (account_id, code) DO NOTHING;

-- last_value: the last reading billing holds; usual_consumption: a typical month, for plausibility.
INSERT INTO meter_register (meter_id, register, last_value, usual_consumption)
SELECT m.id, r.register, r.last_value, r.usual
FROM (VALUES ('esplus', '3300000001', 'E-1', 'T1', 12000, 300),
             ('esplus', '3300000002', 'E-2', 'T1', 20000, 250),
             ('esplus', '3300000002', 'E-2', 'T2', 8000, 120),
             ('kyivenergo', '100000000000001', 'H-1', 'T1', 1200, 3),
             ('kyivenergo', '100000000000001', 'W-1', 'T1', 450, 4))
     AS r(supplier, number, code, register, last_value, usual)
JOIN account a ON a.supplier = r.supplier AND a.number = r.number
JOIN meter m ON m.account_id = a.id AND m.code = r.code
ON CONFLICT (meter_id, register) DO NOTHING;

-- The demo portal client: secret key 'demo-portal-key' (its server) and publishable key
-- 'demo-portal-publishable-key' (its pages: tokenise a card, verify an account), stored only as SHA-256
-- hashes; refused unless the demo is enabled. Payers may be sent back to the demo's own origins.
INSERT INTO api_client (id, key_hash, publishable_key_hash, suppliers, scopes, demo, return_origins) VALUES
    ('demo-portal', encode(sha256('demo-portal-key'::bytea), 'hex'),
     encode(sha256('demo-portal-publishable-key'::bytea), 'hex'), 'esplus kyivenergo ntvplus',
     'readings:write readings:read payments:write payments:refund cards:manage accounts:read reconciliation', true,
     'https://portal.example http://127.0.0.1:8080 http://localhost:8080 http://127.0.0.1:8081 http://localhost:8081')
ON CONFLICT (id) DO UPDATE SET scopes = excluded.scopes, publishable_key_hash = excluded.publishable_key_hash,
    return_origins = excluded.return_origins;

-- Operations staff (finance), the back office: provider reconciliation, and every payment of the
-- suppliers to read and refund (a portal reads and refunds only the payments it created).
INSERT INTO api_client (id, key_hash, suppliers, scopes, demo) VALUES
    ('demo-ops', encode(sha256('demo-ops-key'::bytea), 'hex'), 'esplus kyivenergo ntvplus',
     'reconciliation payments:read payments:refund', true)
ON CONFLICT (id) DO UPDATE SET scopes = excluded.scopes;

-- A portal serving many suppliers: acts only on accounts its subscribers linked (X-Subscriber header).
INSERT INTO api_client (id, key_hash, suppliers, scopes, demo, kind, return_origins) VALUES
    ('demo-aggregator-portal', encode(sha256('demo-aggregator-portal-key'::bytea), 'hex'), 'esplus kyivenergo ntvplus',
     'readings:write readings:read payments:write cards:manage accounts:read', true, 'aggregator',
     'https://aggregator.example')
ON CONFLICT (id) DO UPDATE SET return_origins = excluded.return_origins;
