import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AlertChannel, AlertDelivery, Page as PageOf } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/QueryState';

export const deliveriesKey = (channelId: string) => ['alert-channels', channelId, 'deliveries'] as const;

/** One channel's delivery log, newest first (GET /alert-channels/{id}/deliveries). */
export function DeliveryLog({ channel }: { channel: AlertChannel }) {
  const deliveries = useQuery({
    queryKey: deliveriesKey(channel.id),
    queryFn: ({ signal }) => api.get<PageOf<AlertDelivery>>(`/alert-channels/${channel.id}/deliveries`, { limit: 20 }, signal),
  });
  const headingId = `deliveries-${channel.id}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>Deliveries to {channel.name}</h3>
      <QueryState query={deliveries} label="deliveries">
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">Nothing sent yet. Send a test to check the destination.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Queued</th>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Answer</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((delivery) => (
                  <tr key={delivery.id}>
                    <td>{formatDateTime(delivery.createdAt)}</td>
                    <td><code>{delivery.event}</code></td>
                    <td>
                      {delivery.status}
                      {delivery.status === 'pending' && delivery.nextAttemptAt && (
                        <span className="muted"> (next try {formatDateTime(delivery.nextAttemptAt)})</span>
                      )}
                    </td>
                    <td>{delivery.attempts}</td>
                    <td>
                      {delivery.responseStatus !== null && <code>{delivery.responseStatus}</code>}
                      {delivery.lastError && <span> {delivery.lastError}</span>}
                      {delivery.responseStatus === null && !delivery.lastError && '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}
