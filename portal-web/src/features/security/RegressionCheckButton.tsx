import { ProblemAlert } from '../../components/ProblemAlert';
import { useAddRegressionCheck } from './queries';

/** Turns a blocked attack into a regression check of its API, replayed by every later scan. */
export function RegressionCheckButton({ apiId, eventId }: { apiId: string; eventId: string }) {
  const add = useAddRegressionCheck();
  if (add.isSuccess) return <span role="status">Regression check added</span>;
  return (
    <>
      <button type="button" className="button small" disabled={add.isPending} onClick={() => add.mutate({ apiId, securityEventId: eventId })}>
        Make regression check
      </button>
      <ProblemAlert error={add.error} />
    </>
  );
}
