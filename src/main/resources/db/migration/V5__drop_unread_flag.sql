-- payment.billing_notified was written but never read: whether billing saw a payment is its events.
ALTER TABLE payment DROP COLUMN billing_notified;
