import { useEffect, type ReactNode } from 'react';
import { useOutletContext } from 'react-router';
import type { Me, Role } from '../api/types';
import { ROLES } from '../api/types';

export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Bulwark`;
  }, [title]);
  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}

export function useMeContext(): Me {
  return useOutletContext<Me>();
}

/** Whether the signed-in member has at least `role`; the server enforces it anyway, this only hides buttons. */
export function useHasRole(role: Role): boolean {
  const me = useMeContext();
  return ROLES.indexOf(me.role) >= ROLES.indexOf(role);
}
