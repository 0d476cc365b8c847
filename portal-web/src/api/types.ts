/**
 * Wire shapes of the control-plane API (/api/v1, see docs/portal.md), as aliases of the types generated
 * from the control plane's OpenAPI document (schema.gen.ts, `npm run generate:api`). Never write a wire
 * shape by hand here: alias the generated one and, where the document says less than the wire, narrow it
 * below with a comment naming the gap.
 *
 * Gaps of the generated document this file corrects (server-side fixes listed in docs/portal.md):
 * - enums with a lower-case `@JsonValue` (Environment, Lifecycle, Subscription.Status) are listed by
 *   constant name: `Lowercase<…>`;
 * - a record component the server sends as null is marked required and non-null unless annotated
 *   `@Nullable`: `WithNull<…>` names those fields;
 * - JsonNode-typed values (policy configurations, audit before/after) come out as arrays of empty objects.
 */
import type { components } from './schema.gen';

type S = components['schemas'];

/** `K` may be null on the wire although the document marks it non-null. */
export type WithNull<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | null };
/** `K` may be absent from a request body although the document marks it required. */
export type WithOptional<T, K extends keyof T> = Omit<T, K> & { [P in K]?: T[P] };

// ---- errors (RFC 9457): problem responses are not part of the generated document ----
export interface FieldError {
  /** Path of the offending field in the request body, e.g. `policies[0].limit` or `upstreamUrls[1]`. */
  path: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Stable SCREAMING_SNAKE key, e.g. INVALID_CREDENTIALS. */
  key?: string;
  requestId?: string;
  errors?: FieldError[];
}

/** Every `Page_X_` of the document: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// ---- identity ----
export type Role = S['Role'];
export const ROLES: Role[] = ['viewer', 'publisher', 'admin', 'owner'];

export type Tenant = S['SessionResponse.TenantView'];
export type User = S['SessionResponse.UserView'];
export type Me = S['MeController.Me'];
/** The token is also in the HttpOnly cookie; the portal never keeps it. */
export type SessionResponse = S['SessionResponse'];
export type SignupRequest = S['SignupCommand'];
export type LoginRequest = S['SessionController.LoginCommand'];
export type OidcAuthorization = S['OidcLoginController.Authorization'];
export type IdentitySettings = S['IdentitySettingsController.IdentitySettings'];
export type OAuthClient = S['ApplicationClients.OAuthClient'];
export type Member = S['Member'];
/** The answer to POST /invitations: the only time `token` is sent. */
export type InvitationCreated = S['Invitation'];
/** A tenant automation token as listed (never the token itself, only its prefix). */
export type AutomationToken = S['AutomationToken'];
/** The creation answer: the only one that carries `token`. */
export type AutomationTokenCreated = S['IssuedAutomationToken'];
/** POST /api/v1/invitations/lookup {token} (public): what the invitee is about to accept. */
export type InvitationPreview = S['InvitationService.Preview'];
/** POST /api/v1/invitations/accept (public) → SessionResponse; displayName only for a new account. */
/** The accept form's request; `existingEmail` stays in the browser: an existing account logs in (throttled, audited) and joins from that session. */
export type AcceptInvitationRequest = S['InvitationController.AcceptCommand'] & { existingEmail?: string };
/** GET /api/v1/tenant-settings; the private networks are set by the platform operator, not through PATCH. */
export type TenantSettings = S['TenantSettingsController.TenantSettings'];
export type TenantClosed = S['TenantClosure.Closed'];

export type AuditEvent = Omit<S['AuditEvent'], 'actor' | 'before' | 'after' | 'sourceIp' | 'requestId'> & {
  actor: WithNull<S['AuditEvent.Actor'], 'userId' | 'email'>;
  before: unknown;
  after: unknown;
  sourceIp: string | null;
  requestId: string | null;
};
export type AuditVerification = WithNull<S['AuditVerifier.Verification'], 'firstBrokenEventId'>;

// ---- catalog ----
export type Lifecycle = Lowercase<S['Lifecycle']>;
export type Environment = Lowercase<S['Environment']>;
export const ENVIRONMENTS: Environment[] = ['staging', 'production'];

/**
 * A policy configuration: `type` names the policy, the other fields follow its JSON Schema
 * (GET /policy-types/{type}/schema). The document has no schema for the sealed PolicyConfig.
 */
export interface PolicyConfig {
  type: string;
  [field: string]: unknown;
}

export type PolicyTypeSummary = S['PolicyTypeController.PolicyTypeView'];

export type EnvironmentConfig = Omit<S['EnvironmentConfig'], 'environment'> & { environment: Environment };

/** `openapi` (the document) only comes with GET /apis/{id}; lists carry `openapiSha256`. */
export type Api = Omit<WithNull<S['ApiView'], 'host' | 'version' | 'openapiSha256'>,
  'lifecycle' | 'environments' | 'policies' | 'openapi'> & {
  lifecycle: Lifecycle;
  environments: EnvironmentConfig[];
  policies: PolicyConfig[];
  openapi?: string;
};

/** PATCH /api/v1/apis/{apiId} with If-Match: absent fields stay; an empty host means any host. */
export type UpdateApiRequest = Partial<S['ApiCommands.UpdateApi']>;
export type CreateApiRequest = WithOptional<S['ApiCommands.CreateApi'], 'host' | 'version' | 'allowPrivateUpstreams'>;

/** operationId is the operation's key: the document's operationId, or "METHOD /path" when it has none. */
export type Operation = Omit<S['OperationView'], 'policies'> & { policies: PolicyConfig[] };

export type Plan = Omit<WithNull<S['Plan'], 'description'>, 'policies'> & { policies: PolicyConfig[] };

export type Developer = S['Developer'];
/** POST /developers/{id}/portal-invitation: the token is shown once. */
export type PortalInvitation = S['PortalInvitation'];
export type Application = WithNull<S['Application'], 'description'>;

export type SubscriptionStatus = Lowercase<S['Subscription.Status']>;
export type Subscription = Omit<WithNull<S['Subscription'], 'decidedAt' | 'decidedBy'>, 'status'> & {
  status: SubscriptionStatus;
};

export type ApiKey = Omit<WithNull<S['ApiKey'], 'expiresAt' | 'revokedAt' | 'lastUsedAt' | 'rotatedFrom'>, 'environment'> & {
  environment: Environment;
};

/** The answer to create and rotate: the only time the full key is ever sent. */
export type CreatedApiKey = Omit<WithNull<S['IssuedKey'], 'expiresAt'>, 'environment'> & { environment: Environment };

// ---- data planes ----
/** GET /api/v1/data-planes → Page<DataPlane>: each gateway as the control plane last heard from it. */
export type DataPlane = WithNull<S['DataPlaneView'], 'softwareVersion' | 'appliedHash' | 'appliedAt' | 'lastSeenAt' | 'lastError'>;
/** A circuit breaker of the caller's tenant that a data plane reported open or half-open with its last heartbeat. */
export type Breaker = Omit<S['BreakerView'], 'state'> & { state: 'open' | 'half-open' };

// ---- usage and security events ----
export type TimeRange = '1h' | '24h' | '7d' | '30d';

/** GET /api/v1/usage/timeseries?from=&to=&granularity=minute|hour|day&apiId=&applicationId= */
export type UsagePoint = WithNull<S['UsagePoint'], 'p50' | 'p95' | 'p99' | 'avgLatency'>;
export type UsageTimeseries = Omit<S['UsageViews.Timeseries'], 'points'> & { points: UsagePoint[] };
/** GET /api/v1/usage/top-consumers?from=&to=&limit= ; applicationId null = calls without an application. */
export type UsageConsumer = WithNull<S['UsageViews.Consumer'], 'applicationId'>;
export type UsageTopConsumers = Omit<S['UsageViews.TopConsumers'], 'items'> & { items: UsageConsumer[] };

/** The dashboard's view of one time bucket (portal-side, not a wire shape). */
export interface TrafficPoint {
  at: string;
  requests: number;
  errors: number;
  /** errors / requests in [0, 1]. */
  errorRate: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export interface TrafficSeries {
  granularity: string;
  points: TrafficPoint[];
}

export const SECURITY_EVENT_TYPES = [
  'authentication-failure',
  'authorization-failure',
  'rate-limited',
  'quota-exceeded',
  'ip-blocked',
  'request-too-large',
  'policy-blocked',
  'injection',
  'contract-violation',
  'data-exposure',
] as const;

/** The injection families of threat-protection findings, as the security-events API filters them (`family=`). */
export const THREAT_FAMILIES = [
  'sql',
  'xss',
  'command',
  'traversal',
  'remote-inclusion',
  'nosql',
  'template',
  'java',
  'php',
  'node',
  'protocol',
  'session-fixation',
] as const;

/** GET /api/v1/security-events?type=&apiId=&applicationId=&clientIp=&family=&from=&to=&limit=&cursor= → Page<SecurityEventView> */
export type SecurityEventView = WithNull<S['SecurityEventView'],
  'apiId' | 'applicationId' | 'clientIp' | 'method' | 'path' | 'detail'>;
/** GET /api/v1/security-events/timeseries: `counts` has every type's label, zero included. */
export type SecurityEventPoint = S['SecurityEventTimeseries.Point'];
export type SecurityEventSeries = S['SecurityEventTimeseries.Series'];

/** The dashboard's narrowing: one API and/or one application, or everything (undefined). */
export interface TrafficFilter {
  apiId?: string;
  applicationId?: string;
}

/** GET /api/v1/incidents?status=&detector=&severity=&apiId= → Page<IncidentView> (docs/incidents.md). */
export type IncidentView = WithNull<S['IncidentView'],
  'apiId' | 'applicationId' | 'assignee' | 'acknowledgedAt' | 'resolvedAt'>;
/** Absent fields were not known for the event (no application, no inspecting policy). */
export type IncidentSample = WithOptional<S['Evidence.Sample'],
  'type' | 'method' | 'path' | 'clientIp' | 'applicationId' | 'ruleId' | 'location' | 'blocked'>;
export type IncidentEvidence = Omit<S['Evidence'], 'distinctValues' | 'samples' | 'baseline' | 'endpoints' | 'refusedEndpoints'> & {
  distinctValues?: number | null;
  /** Endpoint detectors (shadow endpoints, scraping, object enumeration): the endpoints the window saw. */
  endpoints?: string[] | null;
  /** Shadow endpoints: those of `endpoints` the gateway refused (404/405) instead of forwarding them. */
  refusedEndpoints?: string[] | null;
  samples: IncidentSample[];
  /** Anomaly detectors: the learned baseline the window was compared with. */
  baseline?: { mean: number; deviation: number; windows: number } | null;
};
/** One timeline entry; detections carry evidence, notes and assignments a note. */
export type IncidentEntry = Omit<WithNull<S['IncidentDetail.Entry'], 'actor' | 'eventCount' | 'note'>, 'evidence'> & {
  evidence: IncidentEvidence | null;
};
export type IncidentDetail = { incident: IncidentView; timeline: IncidentEntry[] };
export type IncidentCounts = S['IncidentCounts'];
export const INCIDENT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const INCIDENT_DETECTORS = ['credential-stuffing', 'key-guessing', 'enumeration', 'injection-burst',
  'contract-violation-burst', 'data-exposure', 'request-rate-anomaly', 'error-rate-anomaly', 'object-enumeration', 'scraping',
  'shadow-endpoint'] as const;

// ---- alert channels (docs/alerting.md) ----
/** GET /api/v1/alert-channels → AlertChannel[]: never a secret. */
export type AlertChannel = WithNull<S['ChannelViews.ChannelView'], 'url' | 'host' | 'port' | 'format'> & { securityEvents: boolean };
/** POST /api/v1/alert-channels and …/secret: the webhook signing secret, shown this once. */
export type AlertChannelCreated = { channel: AlertChannel; signingSecret?: string | null };
export type AlertChannelRequest = S['ChannelViews.ChannelRequest'] & { securityEvents?: boolean | null };
/** GET /api/v1/alert-channels/{id}/deliveries → Page<AlertDelivery>, newest first. */
export type AlertDelivery = WithNull<S['ChannelViews.DeliveryView'],
  'incidentId' | 'nextAttemptAt' | 'lastAttemptAt' | 'responseStatus' | 'lastError' | 'deliveredAt'>;
export const ALERT_CHANNEL_KINDS = ['webhook', 'slack', 'syslog'] as const;

// ---- security testing (audit, threat model, scans; docs/security-testing.md) ----
export type AuditView = S['ApiAudits.AuditView'];
export type AuditFinding = S['ApiAudits.FindingView'];
export type ScanConfigView = S['ScanConfig.View'];
export type ScanConfigChange = Partial<S['ScanConfig.Change']>;
export type ScanRun = S['ScanViews.RunSummary'];
export type ScanRunDetail = S['ScanViews.RunDetail'];
export type ScanFinding = S['ScanViews.FindingView'];
export type CoverageRow = S['ScanViews.CoverageRow'];
export type WorstFinding = S['ScanViews.WorstFinding'];
export type RegressionCheck = S['ScanViews.RegressionCheckView'];
/** The threat model is a JSON tree in the document (ObjectNode): the parts the portal shows. */
export interface ThreatModelView {
  assets: { name: string; classes: string[]; properties: string[] }[];
  threats: {
    id: string;
    operationKey: string;
    strideCategory: string;
    owasp: string;
    targets: string[];
    description: string;
    mitigation: string;
    status: 'MITIGATED' | 'PARTIAL' | 'OPEN' | 'NOT_ASSESSED';
  }[];
}

// ---- billing (docs/billing.md) ----
export type BillingPlan = S['BillingPlan'];
export type BillingOverview = S['BillingOverview'];
export type BillingAllowance = S['BillingOverview.Allowance'];
export type BillingDocument = S['BillingDocument'];
export type BillingLine = S['BillingDocument.Line'];
/** A consumer plan's price version (API monetization): GET/POST /api/v1/plans/{planId}/prices. */
export type PlanPrice = Omit<S['PlanPrice'], 'tierMode'> & { tierMode: 'graduated' | 'volume' };
export type PlanPriceTier = S['PlanPrice.Tier'];
export type PlanPriceSet = S['PlanPrice.Set'];
/** GET /api/v1/billing/revenue: issued developer invoices summed per month, API, plan and currency. */
export type RevenueRow = S['RevenueRow'];
export type DeveloperInvoicing = S['DeveloperInvoicing'];
