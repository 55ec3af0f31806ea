-- When an unpaid promise ran out, billing is told once (io.peakgate.promise.overdue.v1).
ALTER TABLE promised_payment ADD COLUMN overdue_published_at timestamptz;
CREATE INDEX promised_payment_running ON promised_payment (expires_at)
    WHERE status = 'active' AND overdue_published_at IS NULL;
