// End-to-end walk through the console in headless Chromium (playwright-core, Debian's chromium).
//
//   BASE_URL=http://127.0.0.1:8080 npm run e2e            full journey against a running control plane
//   E2E_MODE=smoke BASE_URL=http://127.0.0.1:4173 npm run e2e   only load the sign-up page (works on `vite preview`)
//   GATEWAY_URL=… UPSTREAM_URL=… BASE_URL=… npm run e2e   against the whole platform (the launcher's PortalBrowserTest):
//       the API proxies to UPSTREAM_URL, gets a plan and a subscription, and traffic with the key created in the
//       console goes through the (staging) gateway until the rate limit answers 429; the overview then shows it.
//       Then a developer does the same from the tenant's developer portal (e2e/devportal.mjs) with a key of their own.
//
// Screenshots go to docs/screenshots/ at the repository root. Any browser console error fails the run.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillSignUp, inBrowser } from './browser.mjs';
import { developerJourney } from './devportal.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const baseUrl = (process.env.BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const portalPath = process.env.PORTAL_PATH ?? '/portal';
const mode = process.env.E2E_MODE ?? 'full';
const shots = resolve(process.env.SCREENSHOT_DIR ?? join(here, '..', '..', 'docs', 'screenshots'));
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const gatewayUrl = process.env.GATEWAY_URL?.replace(/\/$/, '');
const upstreamUrl = process.env.UPSTREAM_URL ?? 'https://orders.example.com';
const platform = Boolean(gatewayUrl);

const url = (path) => `${baseUrl}${portalPath}${path}`;

async function main() {
  await inBrowser({ shots, executablePath, expectedError }, async (page, screenshot) => {
    shot = screenshot;
    if (mode === 'smoke') await smoke(page);
    else await journey(page);
  });
  console.log(`e2e ${mode}: passed; screenshots in ${shots}`);
}

/**
 * Against the real platform no error is expected (the session probes skip their request when nobody is
 * signed in, so not even a 401 is logged), except the 404s two endpoints answer by design for what does
 * not exist yet: an API's audit before its first one, and an application's OAuth client before one is
 * created (the pages show those as empty states; the browser logs every 404 it fetches). The contract
 * stub lacks some newer endpoints: their 404s are expected there.
 */
function expectedError(text, url) {
  if (!/status of 404/.test(text)) return false;
  return !platform || /\/api\/v1\/apis\/[^/]+\/audit$|\/applications\/[^/]+\/oauth-client$/.test(url);
}

/** Takes a screenshot that is also an accessibility check; set by inBrowser. */
let shot;

async function smoke(page) {
  await page.goto(url('/signup'));
  await page.getByRole('heading', { name: 'Create your organisation' }).waitFor();
  await page.getByLabel('Organisation name').fill('Acme Payments');
  await shot(page, 'signup');
}

async function journey(page) {
  const unique = Date.now().toString(36);

  // 1. sign up
  const slug = await fillSignUp(page, url, unique);
  await shot(page, 'signup');
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  await shot(page, 'overview-empty');
  // A test upstream on 127.0.0.1 is a private address: the platform operator allows loopback for every tenant.
  if (platform) await privateUpstreamsAllowed(page);

  // 2. create an API from the fixture OpenAPI file
  await page.getByRole('link', { name: 'APIs' }).click();
  await page.getByRole('link', { name: 'Create API' }).first().click();
  await page.getByLabel('Name', { exact: false }).first().fill('Orders');
  await page.getByLabel('Base path').fill('/orders');
  await page.getByLabel('Upstream URLs').fill(upstreamUrl);
  if (platform) await page.getByLabel(/Allow private network upstreams/).check();
  await page.getByLabel('OpenAPI file').setInputFiles(join(here, 'fixtures', 'orders.openapi.yaml'));
  await page.waitForFunction(() => document.querySelector('textarea.code')?.value.includes('openapi: 3.1.0'));
  await shot(page, 'api-create');
  await page.getByRole('button', { name: 'Create API' }).click();
  await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Operations' }).waitFor();
  await page.getByText('listOrders').waitFor();
  await shot(page, 'api-detail');

  // 2b. policies from the server's schemas, then publish
  const addPolicy = async (type) => {
    await page.getByLabel('Add a policy').selectOption(type);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('group', { name: new RegExp(`\\d+\\. ${type}$`) }).waitFor();
  };
  await addPolicy('api-key');
  await addPolicy('rate-limit');
  const rateLimit = page.getByRole('group', { name: /\d+\. rate-limit$/ });
  await rateLimit.getByLabel(/^Limit/).fill(platform ? '5' : '100');
  await rateLimit.getByLabel(/^Period seconds/).fill('60');
  await page.getByRole('button', { name: 'Save policies' }).click();
  await page.getByText(/Policies saved/).waitFor();
  await rateLimit.scrollIntoViewIfNeeded();
  await shot(page, 'api-policies');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
  await page.locator('.badge.state-published').first().waitFor();
  // A plan (approved automatically) with a daily quota, for applications to subscribe to.
  await page.locator('summary', { hasText: 'Add a plan' }).click();
  await page.getByLabel('Plan name').fill('Free');
  await page.getByRole('button', { name: 'Add plan' }).click();
  await page.getByRole('rowheader', { name: /Free/ }).waitFor();
  await addQuota(page, 'Free', 1000);
  await longNamesFit(page, unique);

  // 3. a developer, an application, a key
  await page.getByRole('link', { name: 'Developers' }).click();
  await page.getByRole('heading', { name: 'Add a developer' }).waitFor();
  await page.getByLabel('Name').fill('Dana Developer');
  await page.getByLabel('Email').fill(`dana+${unique}@example.com`);
  await page.getByRole('button', { name: 'Add developer' }).click();
  await page.getByRole('cell', { name: 'Dana Developer', exact: true }).waitFor();
  if (platform) {
    // A developer registered here claims their portal account only with this one-time link.
    await page.getByRole('button', { name: 'Invite to portal: Dana Developer' }).click();
    const invitation = page.getByRole('dialog');
    const link = await invitation.getByLabel('Invitation link').inputValue();
    if (!/\/portal\/dev\/[a-z0-9-]+\/signup#invitation=bwdinv_/.test(link)) throw new Error(`unexpected invitation link ${link}`);
    await invitation.getByRole('button', { name: /I have stored it/ }).click();
    await invitation.waitFor({ state: 'detached' });
  }

  await page.getByRole('link', { name: 'Applications & keys' }).click();
  // The Developers page has a "Name" field too: fill only once the applications page is there.
  await page.getByRole('heading', { name: 'Create an application' }).waitFor();
  await page.getByLabel('Name').fill('Checkout');
  await page.getByLabel('Developer').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Create application' }).click();
  await page.getByRole('heading', { name: 'Checkout', level: 1 }).waitFor();
  if (platform) {
    const subscribe = page.getByRole('form', { name: 'Subscribe to a plan' });
    await subscribe.getByLabel('API').selectOption({ label: 'Orders' });
    await subscribe.getByLabel('Plan').selectOption({ label: 'Free (auto approval)' });
    await subscribe.getByRole('button', { name: 'Subscribe' }).click();
    await subscribe.getByRole('status').filter({ hasText: 'Subscribed.' }).waitFor();
  }

  await page.getByLabel('Label').fill('ci');
  await page.getByRole('button', { name: 'Create key' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const key = await dialog.getByLabel(/API key/).inputValue();
  if (!/^bwk_(test|live)_/.test(key)) throw new Error('the created key does not look like a Bulwark key');
  await shot(page, 'key-created');
  await dialog.getByRole('button', { name: /I have stored it/ }).click();
  await page.getByRole('cell', { name: 'ci' }).waitFor();
  if ((await page.content()).includes(key)) throw new Error('the key is still in the page after its dialog closed');
  await shot(page, 'application-keys');

  if (platform) await sendTraffic(key);

  // 4. the overview: charts when the control plane reports traffic, otherwise the getting-started steps
  await page.getByRole('link', { name: 'Overview' }).click();
  if (platform) {
    await seeTrafficOnDashboard(page);
  } else {
    await page.getByRole('heading', { name: /^(Requests|No traffic yet)$/ }).first().waitFor();
  }
  await shot(page, 'overview');

  // 4b. an attack through the gateway opens an incident; the team opens it from the Incidents page and resolves it
  if (platform) await resolveAnIncident(page);

  // 5. the remaining screens, each checked by axe
  for (const [link, heading, name] of [
    ['Developers', 'Developers', 'developers'],
    ['Team', 'Team', 'team'],
    ['Audit log', 'Audit log', 'audit-log'],
    ['Data planes', 'Data planes', 'data-planes'],
    ['Billing', 'Billing', 'billing'],
    ['Settings', 'Settings', 'settings'],
  ]) {
    await page.getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, name);
  }
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByText('You have logged out.').waitFor();

  // 6. the tenant's developer portal: a developer signs up, subscribes, gets a key and calls the gateway
  await developerJourney(page, { url, shot, slug, unique, gatewayUrl });
}

/** Gives a plan a daily quota through its limits dialog (the policy form built from the quota schema). */
/**
 * A 200-character name (the longest allowed) wraps inside the APIs table instead of making the page
 * scroll sideways (it once pushed the table 1,500 px wide): neither the page nor the table's own
 * scroll box may be wider than what the viewport shows.
 */
async function longNamesFit(page, unique) {
  const longName = `Long ${unique} `.padEnd(200, 'x');
  await page.getByRole('link', { name: 'APIs' }).click();
  await page.getByRole('link', { name: 'Create API' }).first().click();
  await page.getByLabel('Name', { exact: false }).first().fill(longName);
  await page.getByLabel('Base path').fill(`/long-${unique}`);
  await page.getByLabel('Upstream URLs').fill(upstreamUrl);
  if (platform) await page.getByLabel(/Allow private network upstreams/).check();
  await page.getByLabel('OpenAPI file').setInputFiles(join(here, 'fixtures', 'orders.openapi.yaml'));
  await page.waitForFunction(() => document.querySelector('textarea.code')?.value.includes('openapi: 3.1.0'));
  await page.getByRole('button', { name: 'Create API' }).click();
  await page.getByRole('heading', { name: longName, level: 1 }).waitFor();
  await page.getByRole('link', { name: 'APIs' }).click();
  const table = page.getByRole('table').filter({ hasText: longName });
  await table.waitFor();
  const overflow = await table.evaluate((element) => {
    const root = document.documentElement;
    let box = element.parentElement;
    while (box && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
    return {
      page: root.scrollWidth - root.clientWidth,
      table: box ? box.scrollWidth - box.clientWidth : 0,
    };
  });
  if (overflow.page > 0 || overflow.table > 0) {
    throw new Error(`a 200-character API name overflows sideways: page by ${overflow.page} px, table by ${overflow.table} px`);
  }
  await shot(page, 'apis-long-name');
}

async function addQuota(page, plan, limit) {
  await page.getByRole('button', { name: `Edit limits of ${plan}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Add a policy').selectOption('quota');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  const quota = dialog.getByRole('group', { name: /\d+\. quota$/ });
  await quota.getByLabel(/^Limit/).fill(String(limit));
  await quota.getByLabel(/^Period/).selectOption('day');
  await dialog.getByRole('button', { name: 'Save policies' }).click();
  await dialog.getByText(/Policies saved/).waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

async function privateUpstreamsAllowed(page) {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByText('127.0.0.0/8').waitFor();
}

/** Calls through the gateway with the key from the dialog: served once its snapshot arrives, then limited. */
async function sendTraffic(key) {
  const call = () => fetch(`${gatewayUrl}/orders/orders`, { headers: { 'X-API-Key': key } });
  const deadline = Date.now() + 30_000;
  let response = await call();
  while (response.status !== 200) {
    if (Date.now() > deadline) throw new Error(`the gateway never served the new key: ${response.status} ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    response = await call();
  }
  const statuses = [200];
  while (response.status !== 429 && statuses.length < 10) {
    response = await call();
    statuses.push(response.status);
  }
  if (response.status !== 429 || response.headers.get('ratelimit-limit') !== '5') {
    throw new Error(`expected a 429 with RateLimit-Limit 5 after 5 calls, got ${statuses.join(', ')}`);
  }
  console.log(`  gateway answered ${statuses.join(', ')}`);
}

/**
 * Guessed keys from one address (the test's own, 127.0.0.1) through the gateway: the detectors open a
 * credential-stuffing incident within seconds. The incident list links to its detail, where it is resolved.
 */
async function resolveAnIncident(page) {
  for (let i = 0; i < 25; i++) {
    const response = await fetch(`${gatewayUrl}/orders/orders`, { headers: { 'X-API-Key': `bwk_test_guessed${i}` } });
    if (response.status !== 401) throw new Error(`a guessed key was answered ${response.status}, not 401`);
  }
  await page.getByRole('link', { name: 'Incidents', exact: true }).click();
  const incident = page.getByRole('link', { name: /authentication failures from 127\.0\.0\.1/ });
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.getByRole('heading', { name: 'Incidents', level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    if ((await incident.count()) > 0) break;
    if (Date.now() > deadline) throw new Error('no credential-stuffing incident appeared on the Incidents page');
    await page.waitForTimeout(1000);
    await page.reload();
  }
  await shot(page, 'incidents');
  await incident.first().click();
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  await page.getByRole('region', { name: 'Incident summary' }).getByText('credential-stuffing').waitFor();
  await shot(page, 'incident-detail');
  await page.getByRole('button', { name: 'Resolve' }).click();
  await page.getByRole('region', { name: 'Incident summary' }).getByText('resolved', { exact: true }).waitFor();
  console.log('  incident opened by the gateway traffic, resolved in the console');
}

/** Usage and security events reach the dashboard within seconds (gateway → Redis Streams → rollups). */
async function seeTrafficOnDashboard(page) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.getByRole('heading', { name: /^(Requests|No traffic yet)$/ }).first().waitFor();
    const charts = await page.getByRole('heading', { name: 'Requests' }).count();
    const rateLimited = await page.getByRole('cell', { name: 'rate-limited' }).count();
    if (charts > 0 && rateLimited > 0) break;
    if (Date.now() > deadline) throw new Error('the overview never showed the requests and the rate-limit rejection');
    await page.waitForTimeout(1000);
    await page.reload();
  }
  await page.getByRole('cell', { name: 'RATE_LIMITED' }).first().waitFor();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
