/**
 * Wire shapes of the control-plane API (/api/v1, see docs/portal.md).
 * Sections marked "proposed contract" describe endpoints that do not exist yet: the portal
 * renders them (empty states today) and the control plane should answer in these shapes.
 */

// ---- errors (RFC 9457) ----
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

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// ---- identity ----
export type Role = 'viewer' | 'publisher' | 'admin' | 'owner';
export const ROLES: Role[] = ['viewer', 'publisher', 'admin', 'owner'];

export interface Tenant {
  id: string;
  name: string;
  slug: string;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
}

export interface Me {
  user: User;
  tenant: Tenant;
  role: Role;
}

export interface SessionResponse extends Me {
  /** The token is also in the HttpOnly cookie; the portal never keeps it. */
  session: { token: string; expiresAt: string };
}

export interface SignupRequest {
  tenantName: string;
  tenantSlug: string;
  email: string;
  password: string;
  displayName: string;
}

export interface LoginRequest {
  email: string;
  password: string;
  tenantSlug?: string;
}

export interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  joinedAt?: string;
}

export interface InvitationCreated {
  id: string;
  email: string;
  role: Role;
  token: string;
  expiresAt: string;
}

/** POST /api/v1/invitations/lookup {token} (public): what the invitee is about to accept. */
export interface InvitationPreview {
  tenantName: string;
  tenantSlug: string;
  role: Role;
  email: string;
  /** The email already has a Bulwark account: the invitee proves it with that account's password. */
  existingAccount: boolean;
  expiresAt: string;
}

/** POST /api/v1/invitations/accept (public) → SessionResponse; displayName only for a new account. */
export interface AcceptInvitationRequest {
  token: string;
  password: string;
  displayName?: string;
  /** Set for an existing account: it logs in (throttled, audited) and joins from that session. */
  existingEmail?: string;
}

/** GET /api/v1/tenant-settings; the private networks are set by the platform operator, not through PATCH. */
export interface TenantSettings {
  allowPrivateUpstreams: boolean;
  privateUpstreamCidrs?: string[];
}

export interface AuditEvent {
  id: string;
  occurredAt: string;
  /** The control plane sends {userId, email}; older stand-ins sent the email alone. */
  actor: string | { userId?: string | null; email?: string | null };
  action: string;
  resourceType: string;
  resourceId: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditVerification {
  valid: boolean;
  checkedEvents: number;
  firstBrokenEventId: string | null;
}

// ---- catalog ----
export type Lifecycle = 'draft' | 'published' | 'deprecated' | 'retired';
export type Environment = 'staging' | 'production';
export const ENVIRONMENTS: Environment[] = ['staging', 'production'];

/** A policy configuration: `type` names the policy, the other fields follow its JSON Schema. */
export interface PolicyConfig {
  type: string;
  [field: string]: unknown;
}

export interface PolicyTypeSummary {
  type: string;
  description: string;
}

export interface EnvironmentConfig {
  environment: Environment;
  upstreamUrls: string[];
  enabled: boolean;
}

export interface Api {
  id: string;
  name: string;
  basePath: string;
  host?: string | null;
  version?: string | null;
  lifecycle: Lifecycle;
  allowPrivateUpstreams?: boolean;
  /** SHA-256 of the stored OpenAPI document; the document itself only comes with GET /apis/{id}. */
  openapiSha256?: string | null;
  openapi?: string;
  environments?: EnvironmentConfig[];
  policies?: PolicyConfig[];
  createdAt?: string;
  updatedAt?: string;
}

/** PATCH /api/v1/apis/{apiId} with If-Match: absent fields stay; an empty host means any host. */
export interface UpdateApiRequest {
  name?: string;
  version?: string;
  host?: string;
  basePath?: string;
}

export interface CreateApiRequest {
  name: string;
  openapi: string;
  basePath: string;
  host?: string;
  upstreamUrls: string[];
  version?: string;
  allowPrivateUpstreams?: boolean;
}

/** operationId is the operation's key: the document's operationId, or "METHOD /path" when it has none. */
export interface Operation {
  id?: string;
  operationId: string;
  method: string;
  pathTemplate: string;
  requiredScopes?: string[];
  policies?: PolicyConfig[];
}

export interface Plan {
  id: string;
  apiId: string;
  name: string;
  description?: string | null;
  allowedOperations: string[];
  policies: PolicyConfig[];
  approval: 'auto' | 'manual';
}

export interface Developer {
  id: string;
  email: string;
  name: string;
  createdAt?: string;
  /** When they signed up in the developer portal; null while only members manage the record. */
  signedUpAt?: string | null;
}

/** POST /developers/{id}/portal-invitation: the token is shown once. */
export interface PortalInvitation {
  developerId: string;
  email: string;
  token: string;
  /** Portal sign-up page with the token and email filled in, relative to the control plane's origin. */
  path: string;
  expiresAt: string;
}

export interface Application {
  id: string;
  name: string;
  developerId: string;
  description?: string | null;
  createdAt?: string;
}

export interface Subscription {
  id: string;
  applicationId: string;
  planId: string;
  status: 'active' | 'pending' | 'rejected';
  createdAt?: string;
}

export interface ApiKey {
  id: string;
  lookupId: string;
  label: string;
  scopes: string[];
  expiresAt: string | null;
  environment: Environment;
  createdAt: string;
  revokedAt?: string | null;
}

/** The answer to create and rotate: the only time the full key is ever sent. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

// ---- data planes (control plane: sync.DataPlaneController) ----
/** GET /api/v1/data-planes → Page<DataPlane>: each gateway as the control plane last heard from it. */
export interface DataPlane {
  id: string;
  environment: string;
  softwareVersion: string | null;
  appliedVersion: number;
  appliedHash: string | null;
  appliedAt: string | null;
  lastSeenAt: string | null;
  /** Latest snapshot version published for its environment; lag = publishedVersion - appliedVersion. */
  publishedVersion: number;
  lag: number;
  connected: boolean;
  lastError: string | null;
}

// ---- usage and security events (control plane: usage.UsageController, securityevent.SecurityEventController) ----
export type TimeRange = '1h' | '24h' | '7d' | '30d';

/** GET /api/v1/usage/timeseries?from=&to=&granularity=minute|hour|day&apiId=&applicationId= */
export interface UsagePoint {
  t: string;
  requests: number;
  errors: number;
  /** Milliseconds, estimated from the histogram; null when there were no requests. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  avgLatency: number | null;
  bytes: number;
}

export interface UsageTimeseries {
  from: string;
  to: string;
  granularity: string;
  points: UsagePoint[];
}

/** GET /api/v1/usage/top-consumers?from=&to=&limit= ; applicationId null = calls without an application. */
export interface UsageConsumer {
  applicationId: string | null;
  requests: number;
  errors: number;
  bytes: number;
}

export interface UsageTopConsumers {
  from: string;
  to: string;
  items: UsageConsumer[];
}

/** The dashboard's view of one time bucket. */
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
] as const;

/** GET /api/v1/security-events?type=&apiId=&applicationId=&clientIp=&from=&to=&limit=&cursor= → Page<SecurityEventView> */
export interface SecurityEventView {
  id: string;
  eventId: string;
  occurredAt: string;
  type: string;
  /** Error key the gateway answered with, e.g. API_KEY_INVALID. */
  errorKey: string;
  environment: string;
  apiId: string | null;
  applicationId: string | null;
  clientIp: string | null;
  method: string | null;
  path: string | null;
  detail: string | null;
}

/** GET /api/v1/security-events/timeseries?from=&to=&granularity=&apiId=&applicationId= */
export interface SecurityEventPoint {
  t: string;
  /** Every type's label, zero included. */
  counts: Record<string, number>;
  total: number;
}

export interface SecurityEventSeries {
  from: string;
  to: string;
  granularity: string;
  types: string[];
  points: SecurityEventPoint[];
}

/** The dashboard's narrowing: one API and/or one application, or everything (undefined). */
export interface TrafficFilter {
  apiId?: string;
  applicationId?: string;
}
