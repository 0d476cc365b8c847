/**
 * Wire shapes of the developer portal API (/api/devportal/v1/tenants/{slug}), as in
 * docs/developer-portal.md. Shapes shared with the console (ApiKey, UsageTimeseries, Problem) come
 * from api/types.
 */
import type { Environment } from '../api/types';

export type { ApiKey, CreatedApiKey, Environment, Page, UsagePoint, UsageTimeseries } from '../api/types';

export interface DevTenant {
  slug: string;
  name: string;
}

export interface Developer {
  id: string;
  email: string;
  name: string;
}

/** GET /me, and the answer to sign-up and log-in (those add `session`, which the portal ignores). */
export interface DevSession {
  developer: Developer;
  tenant: DevTenant;
  session?: { token: string; expiresAt: string };
}

export interface ApiSummary {
  id: string;
  name: string;
  version: string | null;
  basePath: string;
  lifecycle: 'published' | 'deprecated';
  description: string | null;
  environments: Environment[];
}

export interface PublicOperation {
  operationId: string;
  method: string;
  pathTemplate: string;
  summary: string | null;
  requiredScopes: string[];
}

/** A plan's rate limit; the window is `periodSeconds` in the policy config, `windowSeconds` in the first contract. */
export interface PlanRateLimit {
  limit: number;
  periodSeconds?: number;
  windowSeconds?: number;
  /** Extra requests allowed in a burst (the control plane sends it; 0 when none). */
  burst?: number;
}

export interface PlanQuota {
  limit: number;
  period: string;
  /** IANA zone the period boundaries follow (the control plane sends it). */
  timeZone?: string;
}

export interface PublicPlan {
  id: string;
  apiId: string;
  name: string;
  description: string | null;
  approval: 'auto' | 'manual';
  rateLimit: PlanRateLimit | null;
  quota: PlanQuota | null;
}

export interface ApiDetail extends ApiSummary {
  operations: PublicOperation[];
  plans: PublicPlan[];
}

export interface OpenApiDocument {
  document: string;
  format: 'json' | 'yaml';
  sha256: string;
}

export type SubscriptionStatus = 'active' | 'pending' | 'rejected';

export interface DevSubscription {
  id: string;
  apiId: string;
  apiName: string;
  planId: string;
  planName: string;
  status: SubscriptionStatus;
  createdAt: string;
}

export interface DevApplication {
  id: string;
  name: string;
  description: string | null;
  createdAt: string;
  subscriptions: DevSubscription[];
}

export interface QuotaItem {
  subscriptionId: string;
  apiId: string;
  apiName: string;
  planId: string;
  planName: string;
  period: string;
  limit: number;
  used: number;
  remaining: number;
  resetsAt: string | null;
}

export interface SignupRequest {
  name: string;
  email: string;
  password: string;
  /** The one-time token of a member's portal invitation: claims the developer record they registered. */
  invitation?: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}
