import { Page, useHasRole, useMeContext } from '../../layout/Page';
import { AlertChannelsSection } from '../alerts/AlertChannelsSection';
import { AutomationTokensSection } from './AutomationTokensSection';
import { CloseOrganisationSection } from './CloseOrganisationSection';
import { IdentitySettingsSection } from './IdentitySettingsSection';
import { PublishGateSettings } from '../security/PublishGateSettings';
import { TenantSettingsSection } from './TenantSettingsSection';

export function SettingsPage() {
  const me = useMeContext();
  const isAdmin = useHasRole('admin');
  const isOwner = useHasRole('owner');
  return (
    <Page title="Settings">
      <section className="section" aria-labelledby="org-heading">
        <h2 id="org-heading">Organisation</h2>
        <dl className="facts">
          <dt>Name</dt>
          <dd>{me.tenant.name}</dd>
          <dt>Slug</dt>
          <dd><code>{me.tenant.slug}</code></dd>
          <dt>Id</dt>
          <dd><code>{me.tenant.id}</code></dd>
        </dl>
      </section>
      <TenantSettingsSection />
      <IdentitySettingsSection />
      <AlertChannelsSection />
      {isAdmin && <AutomationTokensSection />}
      <PublishGateSettings />
      <section className="section" aria-labelledby="account-heading">
        <h2 id="account-heading">Your account</h2>
        <dl className="facts">
          <dt>Name</dt>
          <dd>{me.user.displayName}</dd>
          <dt>Email</dt>
          <dd>{me.user.email}</dd>
          <dt>Role</dt>
          <dd>{me.role}</dd>
        </dl>
        <p className="muted">
          Your session is an HttpOnly cookie that scripts cannot read; it ends after 8 hours or when you log out.
        </p>
      </section>
      {isOwner && <CloseOrganisationSection slug={me.tenant.slug} name={me.tenant.name} />}
    </Page>
  );
}
