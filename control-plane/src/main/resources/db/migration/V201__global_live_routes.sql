-- Every tenant's published APIs share the gateways of an environment, so a live route (host + base
-- path) must be unique across tenants too: otherwise one tenant's publish would make the whole
-- environment's snapshot ambiguous and block configuration changes for everybody.
CREATE UNIQUE INDEX api_live_route_global ON api (coalesce(host, ''), base_path)
    WHERE lifecycle IN ('published', 'deprecated');
