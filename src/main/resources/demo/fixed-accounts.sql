-- The fixed demo accounts of SPEC section 6 (the demo's API clients are made by DemoData, through the
-- clients front door). Idempotent: existing rows stay.
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
