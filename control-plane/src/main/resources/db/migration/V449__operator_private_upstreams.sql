-- Private upstream networks become an operator decision (issue 21 item 3): a per-tenant list of
-- CIDRs that only a platform administrator sets. The tenant owner's self-service switch goes away,
-- and with it every grant it made: operators re-grant the networks each tenant really needs.
ALTER TABLE tenant ADD COLUMN private_upstream_cidrs text[] NOT NULL DEFAULT '{}';
ALTER TABLE tenant DROP COLUMN allow_private_upstreams;
