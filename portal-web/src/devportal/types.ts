/**
 * Wire shapes of the developer portal API (/api/devportal/v1/tenants/{slug}), as in
 * docs/developer-portal.md: aliases of the types generated from the control plane's OpenAPI document
 * (api/schema.gen.ts); api/types explains the corrections (`Lowercase`, `WithNull`). Shapes shared with
 * the console (ApiKey, UsageTimeseries, Page) come from api/types.
 */
import type { components } from '../api/schema.gen';
import type { Environment, SubscriptionStatus, WithNull, WithOptional } from '../api/types';

type S = components['schemas'];

export type { ApiKey, BillingDocument, BillingLine, CreatedApiKey, Environment, Page, SubscriptionStatus, UsagePoint, UsageTimeseries } from '../api/types';

export type DevTenant = S['DevSession.TenantView'];
export type Developer = S['DevSession.DeveloperView'];

/** GET /me, and the answer to sign-up and log-in (those add `session`, which the portal ignores). */
export type DevSession = WithOptional<S['DevSession'], 'session'>;

export type PublicOperation = WithNull<S['CatalogViews.PublicOperation'], 'summary'>;
export type PlanRateLimit = S['CatalogViews.RateLimit'];
export type PlanQuota = S['CatalogViews.Quota'];

export type PublicPlan = Omit<WithNull<S['CatalogViews.PublicPlan'], 'description' | 'rateLimit' | 'quota'>, 'approval'> & {
  /** A string in the document (the record carries Plan.Approval's wire value). */
  approval: 'auto' | 'manual';
};

export type ApiEndpoint = Omit<WithNull<S['CatalogViews.Endpoint'], 'baseUrl'>, 'environment'> & { environment: Environment };
export type ApiCredential = Omit<WithNull<S['CatalogViews.Credential'], 'in' | 'name' | 'scheme'>, 'type' | 'in'> & {
  type: 'api-key' | 'jwt' | 'none';
  in: 'header' | 'query' | null;
};
/** How to call an API through the gateway (CatalogViews.Access). */
export type ApiAccess = Omit<WithNull<S['CatalogViews.Access'], 'host' | 'rateLimit' | 'quota'>, 'endpoints' | 'credential'> & {
  endpoints: ApiEndpoint[];
  credential: ApiCredential;
};

export type ApiDetail = Omit<WithNull<S['CatalogViews.ApiDetail'], 'version' | 'description'>,
  'lifecycle' | 'environments' | 'operations' | 'plans' | 'access'> & {
  access: ApiAccess;
  /** A string in the document; the catalog lists published and deprecated APIs only. */
  lifecycle: 'published' | 'deprecated';
  environments: Environment[];
  operations: PublicOperation[];
  plans: PublicPlan[];
};

/**
 * An entry of GET /apis: the document loses the element type of the generic `CatalogViews.Items<T>`, so
 * this is the detail without its operations and plans (CatalogViews.ApiSummary has the same fields).
 */
export type ApiSummary = Omit<ApiDetail, 'operations' | 'plans' | 'access'>;

export type OpenApiDocument = Omit<S['CatalogViews.OpenApiDocument'], 'format'> & { format: 'json' | 'yaml' };

export type DevSubscription = Omit<S['AppViews.DevSubscription'], 'status'> & { status: SubscriptionStatus };

export type DevApplication = Omit<WithNull<S['AppViews.DevApplication'], 'description'>, 'subscriptions'> & {
  subscriptions: DevSubscription[];
};

export type QuotaItem = WithNull<S['AppViews.QuotaItem'], 'resetsAt'>;

export type SignupRequest = S['DeveloperAccounts.SignUp'];
export type LoginRequest = S['DeveloperAccounts.LogIn'];

/** An application's OAuth client (client credentials); `clientSecret` only in the answer that creates or rotates it. */
export type OAuthClient = WithNull<S['ApplicationClients.OAuthClient'], 'clientSecret'>;

/** GET /applications/{appId}/charges: the running month so far, one bill per currency. */
export type DevCharges = S['DeveloperCharges'];
