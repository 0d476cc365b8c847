-- Catalog: APIs and their environments and operations, plans, developers, applications,
-- subscriptions and API keys. Every table carries tenant_id and every query filters on it.

-- Off by default: an owner must opt the tenant in before any API may proxy to private networks.
ALTER TABLE tenant ADD COLUMN allow_private_upstreams boolean NOT NULL DEFAULT false;

CREATE TABLE api (
    id                      uuid PRIMARY KEY,
    tenant_id               uuid        NOT NULL REFERENCES tenant (id),
    name                    text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    version_label           text,
    host                    text,
    base_path               text        NOT NULL,
    openapi                 text        NOT NULL,
    lifecycle               text        NOT NULL DEFAULT 'draft'
                                        CHECK (lifecycle IN ('draft', 'published', 'deprecated', 'retired')),
    allow_private_upstreams boolean     NOT NULL DEFAULT false,
    policies                jsonb       NOT NULL DEFAULT '[]',
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    version                 bigint      NOT NULL DEFAULT 0
);
-- A route (host + base path) serves both environments, so one live API per route and tenant;
-- a retired API gives its route back.
CREATE UNIQUE INDEX api_route_unique ON api (tenant_id, coalesce(host, ''), base_path) WHERE lifecycle <> 'retired';
CREATE INDEX api_tenant ON api (tenant_id, id);

CREATE TABLE api_environment (
    tenant_id     uuid    NOT NULL REFERENCES tenant (id),
    api_id        uuid    NOT NULL REFERENCES api (id) ON DELETE CASCADE,
    environment   text    NOT NULL CHECK (environment IN ('staging', 'production')),
    upstream_urls jsonb   NOT NULL DEFAULT '[]',
    enabled       boolean NOT NULL DEFAULT false,
    PRIMARY KEY (api_id, environment)
);

CREATE TABLE api_operation (
    id              uuid PRIMARY KEY,
    tenant_id       uuid  NOT NULL REFERENCES tenant (id),
    api_id          uuid  NOT NULL REFERENCES api (id) ON DELETE CASCADE,
    operation_key   text  NOT NULL,
    method          text  NOT NULL,
    path_template   text  NOT NULL,
    required_scopes jsonb NOT NULL DEFAULT '[]',
    policies        jsonb NOT NULL DEFAULT '[]',
    UNIQUE (api_id, operation_key)
);
CREATE INDEX api_operation_tenant ON api_operation (tenant_id, api_id, id);

CREATE TABLE api_audit (
    api_id     uuid PRIMARY KEY REFERENCES api (id) ON DELETE CASCADE,
    tenant_id  uuid        NOT NULL REFERENCES tenant (id),
    score      int         NOT NULL,
    grade      text        NOT NULL,
    findings   jsonb       NOT NULL,
    audited_at timestamptz NOT NULL
);

CREATE TABLE plan (
    id                 uuid PRIMARY KEY,
    tenant_id          uuid        NOT NULL REFERENCES tenant (id),
    api_id             uuid        NOT NULL REFERENCES api (id),
    name               text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description        text,
    allowed_operations jsonb       NOT NULL DEFAULT '[]',
    policies           jsonb       NOT NULL DEFAULT '[]',
    approval           text        NOT NULL CHECK (approval IN ('auto', 'manual')),
    created_at         timestamptz NOT NULL DEFAULT now(),
    version            bigint      NOT NULL DEFAULT 0,
    UNIQUE (tenant_id, api_id, name)
);
CREATE INDEX plan_api ON plan (tenant_id, api_id, id);

CREATE TABLE developer (
    id         uuid PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES tenant (id),
    email      text        NOT NULL,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    version    bigint      NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX developer_email ON developer (tenant_id, lower(email));

CREATE TABLE application (
    id           uuid PRIMARY KEY,
    tenant_id    uuid        NOT NULL REFERENCES tenant (id),
    developer_id uuid        NOT NULL REFERENCES developer (id),
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description  text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    version      bigint      NOT NULL DEFAULT 0
);
CREATE INDEX application_tenant ON application (tenant_id, id);

CREATE TABLE subscription (
    id             uuid PRIMARY KEY,
    tenant_id      uuid        NOT NULL REFERENCES tenant (id),
    application_id uuid        NOT NULL REFERENCES application (id),
    api_id         uuid        NOT NULL REFERENCES api (id),
    plan_id        uuid        NOT NULL REFERENCES plan (id),
    status         text        NOT NULL CHECK (status IN ('pending', 'active', 'rejected')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    decided_at     timestamptz,
    decided_by     uuid,
    version        bigint      NOT NULL DEFAULT 0
);
-- One live (pending or active) subscription per application and API.
CREATE UNIQUE INDEX subscription_live ON subscription (application_id, api_id) WHERE status IN ('pending', 'active');
CREATE INDEX subscription_tenant ON subscription (tenant_id, status, id);

CREATE TABLE api_key (
    id             uuid PRIMARY KEY,
    tenant_id      uuid        NOT NULL REFERENCES tenant (id),
    application_id uuid        NOT NULL REFERENCES application (id),
    lookup_id      text        NOT NULL UNIQUE,
    digest         text        NOT NULL,
    label          text        NOT NULL,
    scopes         jsonb       NOT NULL DEFAULT '[]',
    environment    text        NOT NULL CHECK (environment IN ('staging', 'production')),
    expires_at     timestamptz,
    revoked_at     timestamptz,
    last_used_at   timestamptz,
    rotated_from   uuid REFERENCES api_key (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    version        bigint      NOT NULL DEFAULT 0
);
CREATE INDEX api_key_application ON api_key (tenant_id, application_id, id);

-- The last compiled snapshot per environment: its version only moves when the content changes.
CREATE TABLE snapshot_head (
    environment  text PRIMARY KEY CHECK (environment IN ('staging', 'production')),
    version      bigint      NOT NULL,
    content_hash text        NOT NULL,
    compiled_at  timestamptz NOT NULL
);
