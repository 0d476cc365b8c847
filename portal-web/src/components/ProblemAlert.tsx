import { ApiError } from '../api/client';
import type { Problem } from '../api/types';

export function problemOf(error: unknown): Problem | null {
  if (!error) return null;
  if (error instanceof ApiError) return error.problem;
  if (error instanceof Error) return { status: 0, title: 'Something went wrong', detail: error.message };
  return { status: 0, title: 'Something went wrong' };
}

/**
 * A field error's message without the field name it often starts with ("clientIp must be …"): the
 * path is shown beside it (or the input's label is), so repeating it reads "clientIp clientIp must be …".
 */
export function fieldMessage(path: string | undefined, message: string): string {
  if (path && message.startsWith(`${path} `)) {
    return message.slice(path.length + 1);
  }
  return message;
}

interface ProblemAlertProps {
  error: unknown;
  /** Field errors already shown next to their inputs; the summary still lists every error. */
  title?: string;
}

/** Renders an RFC 9457 problem as text: title, detail, each field error with its path, and the request id for support. */
export function ProblemAlert({ error, title }: ProblemAlertProps) {
  const problem = problemOf(error);
  if (!problem) return null;
  return (
    <div className="alert error" role="alert">
      <p className="alert-title">{title ?? problem.title ?? 'Request failed'}</p>
      {problem.detail && <p>{problem.detail}</p>}
      {problem.errors && problem.errors.length > 0 && (
        <ul className="problem-errors">
          {problem.errors.map((fieldError, index) => (
            <li key={`${fieldError.path}-${index}`}>
              {fieldError.path && <code>{fieldError.path}</code>} {fieldMessage(fieldError.path, fieldError.message)}
            </li>
          ))}
        </ul>
      )}
      {(problem.key || problem.requestId) && (
        <p className="muted small">
          {problem.key && <>Error {problem.key}. </>}
          {problem.requestId && <>Request id {problem.requestId}.</>}
        </p>
      )}
    </div>
  );
}
