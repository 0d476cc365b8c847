-- Automatic responses to incidents, off by default: per tenant and detector, what to do when the
-- detector opens (or reopens) an incident, and for how long.
CREATE TABLE incident_response_setting (
    tenant_id        uuid NOT NULL,
    detector         text NOT NULL,
    action           text NOT NULL CHECK (action IN ('block-address', 'suspend-application')),
    duration_seconds int  NOT NULL CHECK (duration_seconds BETWEEN 10 AND 604800),
    PRIMARY KEY (tenant_id, detector)
);

-- Responses taken: a client address blocked on every API of the tenant, or an application whose keys
-- are left out of the gateways' snapshots, until expires_at (or until someone lifts it earlier).
CREATE TABLE incident_response (
    id          uuid PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    incident_id uuid        NOT NULL,
    detector    text        NOT NULL,
    action      text        NOT NULL CHECK (action IN ('block-address', 'suspend-application')),
    target      text        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    lifted_at   timestamptz,
    lifted_by   text
);
CREATE INDEX incident_response_active ON incident_response (expires_at) WHERE lifted_at IS NULL;
CREATE INDEX incident_response_by_tenant ON incident_response (tenant_id, id DESC);
