// A member's single sign-on in headless Chromium (playwright-core): the console's log-in page, "Log in
// with SSO" for the organisation, Keycloak's own log-in form, and back in the console with a session.
//
//   BASE_URL=… TENANT_SLUG=… SSO_USERNAME=… SSO_PASSWORD=… EXPECT_ROLE=admin node e2e/sso.mjs
//
// Used by the launcher's KeycloakE2eTest against a real control plane and a real Keycloak. Prints
// "e2e sso: passed" when the console greets the member with the role Keycloak's realm role maps to.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const baseUrl = (process.env.BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const slug = required('TENANT_SLUG');
const username = required('SSO_USERNAME');
const password = required('SSO_PASSWORD');
const role = process.env.EXPECT_ROLE ?? 'admin';
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'];

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main() {
  const profile = await mkdtemp(join(tmpdir(), 'bulwark-sso-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: FLAGS });
  const problems = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    try {
      await page.goto(`${baseUrl}/portal/login`);
      await page.getByLabel('Organisation for single sign-on (slug)').fill(slug);
      await page.getByRole('button', { name: 'Log in with SSO' }).click();
      // Keycloak's page, on its own origin.
      await page.waitForURL((url) => !url.toString().startsWith(`${baseUrl}/`));
      await page.locator('#username').fill(username);
      await page.locator('#password').fill(password);
      await page.locator('#kc-login').click();
      // Back through the control plane's callback, into the console with a session.
      await page.waitForURL(`${baseUrl}/portal/**`);
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await page.goto(`${baseUrl}/portal/settings`);
      await page.getByRole('heading', { name: 'Your account' }).waitFor();
      await page.getByText(username, { exact: true }).first().waitFor();
      const shownRole = await page.locator('dt:text-is("Role") + dd').innerText();
      if (shownRole.trim() !== role) throw new Error(`the console shows role ${shownRole}, expected ${role}`);
      const me = await page.evaluate(async () => (await fetch('/api/v1/me', { credentials: 'same-origin' })).status);
      if (me !== 200) throw new Error(`GET /api/v1/me answered ${me} after the single sign-on`);
    } catch (error) {
      const alerts = await page.getByRole('alert').allInnerTexts().catch(() => []);
      throw new Error(`${error.message}\n  page ${page.url()}\n  alerts: ${JSON.stringify(alerts)}\n  browser: ${problems.join(' | ')}`);
    }
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
  console.log('e2e sso: passed');
}

main().catch((error) => {
  console.error(error.stack ?? String(error));
  process.exit(1);
});
