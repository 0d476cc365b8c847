-- Revoking an application's OAuth client deletes it in Keycloak, but access tokens it already
-- issued are self-contained: the gateway refuses those issued before this instant (via the snapshot).
ALTER TABLE application_oauth_client ADD COLUMN tokens_not_before timestamptz;
