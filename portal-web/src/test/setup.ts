import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

// jsdom has <dialog> but not its modal methods; give it the observable behaviour tests rely on.
if (typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}

configure({ asyncUtilTimeout: 5_000 });
// jsdom does not implement scrolling.
window.scrollTo = () => {};

// Signed in, as far as the session probes can tell (they skip the request without these cookies);
// tests of the signed-out case clear them, and tests of the CSRF header set their own values.
beforeEach(() => {
  document.cookie = 'bw_csrf=test-csrf; path=/';
  document.cookie = 'bw_dev_csrf=test-dev-csrf; path=/';
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.cookie.split(';').forEach((cookie) => {
    const name = cookie.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  });
});
