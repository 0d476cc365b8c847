import { useEffect, useRef, type ReactNode } from 'react';

/** The frame of the public pages (log in, sign up): one landmark, the heading focused on arrival. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Bulwark`;
    heading.current?.focus();
  }, [title]);
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand" aria-hidden="true">
          Bulwark
        </p>
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {children}
      </div>
    </main>
  );
}
