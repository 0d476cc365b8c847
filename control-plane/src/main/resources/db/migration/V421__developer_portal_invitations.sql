-- A developer a member registered in the console claims the record only with an invitation the
-- member issued (shown once, stored as SHA-256, expiring): knowing the email is not enough.
ALTER TABLE developer ADD COLUMN portal_invitation_hash bytea;
ALTER TABLE developer ADD COLUMN portal_invitation_expires_at timestamptz;
CREATE UNIQUE INDEX developer_portal_invitation ON developer (portal_invitation_hash) WHERE portal_invitation_hash IS NOT NULL;
