import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '../../api/client';
import { ALERT_CHANNEL_KINDS, INCIDENT_SEVERITIES, type AlertChannel, type AlertChannelCreated, type AlertChannelRequest } from '../../api/types';
import { ConfirmDialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { applyServerErrors } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SecretDialog } from '../../components/SecretDialog';
import { useHasRole } from '../../layout/Page';
import { DeliveryLog, deliveriesKey } from './DeliveryLog';

const channelsKey = ['alert-channels'] as const;

interface ChannelForm {
  name: string;
  kind: (typeof ALERT_CHANNEL_KINDS)[number];
  url: string;
  host: string;
  port: string;
  tls: boolean;
  format: 'cef' | 'json';
  minSeverity: (typeof INCIDENT_SEVERITIES)[number];
  securityEvents: boolean;
}

/** Only the fields of the chosen kind: the API refuses the others, naming them. */
function requestOf(values: ChannelForm): AlertChannelRequest {
  const common = { name: values.name.trim(), kind: values.kind, minSeverity: values.minSeverity };
  const forwarding = values.kind !== 'slack' && values.securityEvents ? { securityEvents: true } : {};
  if (values.kind === 'syslog') {
    return { ...common, ...forwarding, host: values.host.trim(), port: Number(values.port), tls: values.tls, format: values.format };
  }
  return { ...common, ...forwarding, url: values.url.trim() };
}

function destination(channel: AlertChannel) {
  return channel.kind === 'syslog' ? `${channel.host}:${channel.port} (${channel.tls ? 'TLS' : 'TCP'}, ${channel.format})` : channel.url;
}

/**
 * Where incident alerts (and, opted in, security events) go: webhooks signed with HMAC-SHA-256,
 * Slack, and SIEMs over syslog. Viewers see the channels and their delivery logs; admins create,
 * test, rotate and delete them. A webhook's signing secret is shown once. See docs/alerting.md.
 */
export function AlertChannelsSection() {
  const isAdmin = useHasRole('admin');
  const queryClient = useQueryClient();
  const channels = useQuery({ queryKey: channelsKey, queryFn: ({ signal }) => api.get<AlertChannel[]>('/alert-channels', undefined, signal) });
  const { register, handleSubmit, setError, reset, watch, formState } = useForm<ChannelForm>({
    defaultValues: { kind: 'webhook', url: '', host: '', port: '6514', tls: true, format: 'cef', minSeverity: 'low', securityEvents: false },
  });
  const kind = watch('kind');
  const [secret, setSecret] = useState<AlertChannelCreated | null>(null);
  const [deleting, setDeleting] = useState<AlertChannel | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [tested, setTested] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: channelsKey });
  const create = useMutation({ mutationFn: (body: AlertChannelRequest) => api.post<AlertChannelCreated>('/alert-channels', body), onSuccess: refresh });
  const remove = useMutation({ mutationFn: (id: string) => api.delete(`/alert-channels/${id}`), onSuccess: refresh });
  const rotate = useMutation({ mutationFn: (id: string) => api.post<AlertChannelCreated>(`/alert-channels/${id}/secret`, {}) });
  const test = useMutation({
    mutationFn: (id: string) => api.post<unknown>(`/alert-channels/${id}/test`, {}),
    onSuccess: (_answer, id) => {
      setTested(id);
      setShown(id);
      return queryClient.invalidateQueries({ queryKey: deliveriesKey(id) });
    },
  });
  const onSubmit = handleSubmit((values) =>
    create.mutate(requestOf(values), {
      onSuccess: (answer) => {
        reset();
        if (answer.signingSecret) {
          setSecret(answer);
        }
      },
      onError: (error) => applyServerErrors(error, setError),
    }),
  );

  return (
    <section className="section" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">Alert channels</h2>
      <p className="muted">
        Opened and reopened incidents are sent to each enabled channel whose minimum severity they reach. Webhooks are signed
        (<code>Bulwark-Signature</code>, HMAC-SHA-256 over the timestamp and the body); syslog channels receive CEF or JSON lines.
      </p>
      <QueryState query={channels} label="alert channels">
        {(items) =>
          items.length === 0 ? (
            <p className="muted">No alert channel yet: incidents are shown here only.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Destination</th>
                  <th scope="col">From severity</th>
                  <th scope="col">Security events</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {items.map((channel) => (
                  <tr key={channel.id}>
                    <th scope="row">{channel.name}{!channel.enabled && <span className="muted"> (disabled)</span>}</th>
                    <td>{channel.kind}</td>
                    <td><code>{destination(channel)}</code></td>
                    <td>{channel.minSeverity}</td>
                    <td>{channel.securityEvents ? 'forwarded' : 'no'}</td>
                    <td>
                      <button type="button" className="button small" aria-expanded={shown === channel.id}
                        aria-label={`Deliveries to ${channel.name}`} onClick={() => setShown(shown === channel.id ? null : channel.id)}>
                        Deliveries
                      </button>
                      {isAdmin && (
                        <>
                          <button type="button" className="button small" aria-label={`Send a test to ${channel.name}`}
                            disabled={test.isPending} onClick={() => test.mutate(channel.id)}>
                            Test
                          </button>
                          {channel.kind === 'webhook' && (
                            <button type="button" className="button small" aria-label={`New signing secret for ${channel.name}`}
                              disabled={rotate.isPending} onClick={() => rotate.mutate(channel.id, { onSuccess: setSecret })}>
                              Rotate secret
                            </button>
                          )}
                          <button type="button" className="button small danger" aria-label={`Delete the channel ${channel.name}`}
                            onClick={() => setDeleting(channel)}>
                            Delete
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      <div role="status">{tested && test.isSuccess ? 'Test alert queued: see the delivery log.' : ''}</div>
      <ProblemAlert error={test.error ?? rotate.error} />
      {shown && channels.data?.find((channel) => channel.id === shown) && (
        <DeliveryLog channel={channels.data.find((channel) => channel.id === shown)!} />
      )}
      {isAdmin && (
        <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="new-channel-heading">
          <h3 id="new-channel-heading">New alert channel</h3>
          <div className="columns">
            <Field label="Channel name" required error={formState.errors.name?.message}>
              {({ id, describedBy, invalid }) => <input id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('name', { required: 'Enter a name' })} />}
            </Field>
            <Field label="Kind" required error={formState.errors.kind?.message}>
              {({ id, describedBy }) => (
                <select id={id} aria-describedby={describedBy} {...register('kind')}>
                  {ALERT_CHANNEL_KINDS.map((value) => <option key={value} value={value}>{value}</option>)}
                </select>
              )}
            </Field>
            <Field label="Minimum severity" error={formState.errors.minSeverity?.message}>
              {({ id, describedBy }) => (
                <select id={id} aria-describedby={describedBy} {...register('minSeverity')}>
                  {INCIDENT_SEVERITIES.map((value) => <option key={value} value={value}>{value}</option>)}
                </select>
              )}
            </Field>
          </div>
          {kind === 'syslog' ? (
            <div className="columns">
              <Field label="Host" required error={formState.errors.host?.message}>
                {({ id, describedBy, invalid }) => <input id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('host', { required: 'Enter the SIEM host' })} />}
              </Field>
              <Field label="Port" required error={formState.errors.port?.message}>
                {({ id, describedBy, invalid }) => <input id={id} inputMode="numeric" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('port', { required: 'Enter the port' })} />}
              </Field>
              <Field label="Format" error={formState.errors.format?.message}>
                {({ id, describedBy }) => (
                  <select id={id} aria-describedby={describedBy} {...register('format')}>
                    <option value="cef">CEF</option>
                    <option value="json">JSON lines</option>
                  </select>
                )}
              </Field>
              <label className="checkbox"><input type="checkbox" {...register('tls')} /> TLS (RFC 5425)</label>
            </div>
          ) : (
            <Field label={kind === 'slack' ? 'Slack incoming-webhook URL' : 'URL'} required error={formState.errors.url?.message}>
              {({ id, describedBy, invalid }) => <input id={id} type="url" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...register('url', { required: 'Enter the URL' })} />}
            </Field>
          )}
          {kind !== 'slack' && (
            <label className="checkbox">
              <input type="checkbox" {...register('securityEvents')} /> Forward security events too (from the minimum severity)
            </label>
          )}
          <ProblemAlert error={create.error} title={create.error ? 'The channel was not created' : undefined} />
          <button type="submit" className="button primary" disabled={create.isPending}>{create.isPending ? 'Creating…' : 'Create channel'}</button>
        </form>
      )}
      <SecretDialog
        open={secret !== null}
        title={secret ? `Signing secret of ${secret.channel.name}` : ''}
        label="Signing secret"
        secret={secret?.signingSecret ?? ''}
        warning="Give it to the receiver now to verify Bulwark-Signature: Bulwark keeps it sealed and cannot show it again."
        onClose={() => setSecret(null)}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={deleting ? `Delete the channel ${deleting.name}?` : ''}
        message={<p>No more alerts go there, and its delivery log is deleted with it.</p>}
        confirmLabel="Delete channel"
        danger
        busy={remove.isPending}
        error={<ProblemAlert error={remove.error} />}
        onCancel={() => { remove.reset(); setDeleting(null); }}
        onConfirm={() => deleting && remove.mutate(deleting.id, {
          onSuccess: () => {
            if (shown === deleting.id) setShown(null);
            setDeleting(null);
          },
        })}
      />
    </section>
  );
}
