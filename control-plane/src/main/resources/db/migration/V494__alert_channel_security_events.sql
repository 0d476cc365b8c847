-- Opt-in per channel: forward the gateways' security events (not only incidents), filtered by the
-- channel's minimum severity.
ALTER TABLE alert_channel ADD COLUMN security_events boolean NOT NULL DEFAULT false;
