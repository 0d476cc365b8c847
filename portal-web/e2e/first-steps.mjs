// The README's "First steps", step 3 and 5, done in headless Chromium as a new user reads them, against the
// platform as ./bulwark up starts it (a production gateway; the launcher's FirstStepsBrowserTest):
// open the console at the README's address and sign up, see the allowed private networks in Settings,
// create an API from an OpenAPI file with the private-upstream box ticked, serve it in production, add the
// api-key and rate-limit policies, a plan, publish; add a developer, an application, subscribe it, create a
// key without touching its environment (it must default to production), call the gateway with the README's
// own curl line; then open the developer portal, copy the production curl command with its Copy button and
// run exactly that in bash with the key in $API_KEY: 200.
//
// Every control the README names is printed as "  readme names: <label>", so the test can check the
// README still uses the UI's words. Screenshots (each an axe check) go to SCREENSHOT_DIR.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillSignUp, inBrowser } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const required = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const consoleUrl = required('CONSOLE_URL'); // the README's step 1 address, on the running control plane's port
const upstreamUrl = required('UPSTREAM_URL');
const readmeCall = required('README_CALL'); // the README's curl line with "<the key>", on the running gateway's port
const basePath = required('BASE_PATH');
const devPortalUrl = required('DEV_PORTAL_URL'); // the README's step 5 address without the slug
const shots = required('SCREENSHOT_DIR');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** A control the README names, by the words the UI shows: the test checks the README uses the same ones. */
const named = (label) => {
  console.log(`  readme names: ${label}`);
  return label;
};

/**
 * The browser logs every 404 it fetches; two endpoints answer 404 by design for what does not exist yet
 * (an API's audit before its first one, an application's OAuth client), shown as empty states.
 */
function expectedError(text, url) {
  return /status of 404/.test(text) && /\/api\/v1\/apis\/[^/]+\/audit$|\/applications\/[^/]+\/oauth-client$/.test(url);
}

/** Runs a command line in bash, as a reader pasting it would; resolves to its output whatever the exit code. */
function bash(command, env = {}) {
  return new Promise((resolve, reject) => execFile('bash', ['-c', command], { env: { ...process.env, ...env }, timeout: 30_000 },
    (error, stdout) => (error && error.code === undefined ? reject(error) : resolve(stdout))));
}

/** Calls until the snapshot with the new key reaches the gateway (about a second), then returns that answer. */
async function untilServed(command, env) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const output = await bash(command, env);
    if (/^HTTP\/1\.1 200/.test(output)) return output;
    if (Date.now() > deadline) throw new Error(`never answered 200: ${command}\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function journey(page, shot) {
  const unique = Date.now().toString(36);
  const origin = new URL(consoleUrl).origin;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });

  // 1. Open the README's address (it redirects to the portal) and sign up.
  await page.goto(consoleUrl);
  await page.getByRole('link', { name: 'Create an organisation' }).click();
  const slug = await fillSignUp(page, (path) => `${origin}/portal${path}`, unique);
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();

  // 3. Loopback is allowed by the operator: Settings shows it.
  await page.getByRole('link', { name: named('Settings'), exact: true }).click();
  await page.getByText('127.0.0.0/8').first().waitFor();

  // APIs → Create API: the OpenAPI file, the upstream, the base path, the private-upstream box.
  await page.getByRole('link', { name: named('APIs'), exact: true }).click();
  await page.getByRole('link', { name: named('Create API') }).first().click(); // the page's button, and the empty state's
  await page.getByLabel('Name', { exact: false }).first().fill('Hello');
  await page.getByLabel('OpenAPI file').setInputFiles(join(here, 'fixtures', 'hello.openapi.yaml'));
  await page.waitForFunction(() => document.querySelector('textarea.code')?.value.includes('openapi: 3.0.3'));
  await page.getByLabel('Upstream URLs').fill(upstreamUrl);
  await page.getByLabel('Base path').fill(basePath);
  await page.getByLabel(named('Allow private network upstreams'), { exact: false }).check();
  await shot(page, 'first-steps-create-api');
  await page.getByRole('button', { name: 'Create API' }).click();
  await page.getByRole('heading', { name: 'Hello', level: 1 }).waitFor();

  // On the API's page: production with its upstream (./bulwark up runs a production gateway).
  const production = page.getByRole('form', { name: 'production environment' });
  await production.getByLabel('Upstream URLs (production)').fill(upstreamUrl);
  await production.getByLabel(named('Serve this API in production')).check();
  await production.getByRole('button', { name: 'Save production' }).click();
  await production.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

  // The api-key policy (and a rate limit), saved; a plan; publish.
  for (const type of [named('api-key'), 'rate-limit']) {
    await page.getByLabel('Add a policy').selectOption(type);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('group', { name: new RegExp(`\\d+\\. ${type}$`) }).waitFor();
  }
  const rateLimit = page.getByRole('group', { name: /\d+\. rate-limit$/ });
  await rateLimit.getByLabel(/^Limit/).fill('100');
  await rateLimit.getByLabel(/^Period seconds/).fill('60');
  await page.getByRole('button', { name: named('Save policies') }).click();
  await page.getByText(/Policies saved/).waitFor();
  await page.locator('summary', { hasText: named('Add a plan') }).click();
  await page.getByLabel('Plan name').fill('Free');
  await page.getByRole('button', { name: 'Add plan' }).click();
  await page.getByRole('rowheader', { name: /Free/ }).waitFor();
  await page.getByRole('button', { name: named('Publish') }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
  await page.locator('.badge.state-published').first().waitFor();
  await shot(page, 'first-steps-api-published');

  // Developers → add one.
  await page.getByRole('link', { name: named('Developers'), exact: true }).click();
  await page.getByRole('heading', { name: 'Add a developer' }).waitFor();
  await page.getByLabel('Name').fill('Dana Developer');
  await page.getByLabel('Email').fill(`dana+${unique}@example.com`);
  await page.getByRole('button', { name: 'Add developer' }).click();
  await page.getByRole('cell', { name: 'Dana Developer', exact: true }).waitFor();

  // Applications & keys → an application for them, subscribed to the plan, and a key.
  await page.getByRole('link', { name: named('Applications & keys') }).click();
  await page.getByRole('heading', { name: 'Create an application' }).waitFor();
  await page.getByLabel('Name').fill('First app');
  await page.getByLabel('Developer').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Create application' }).click();
  await page.getByRole('heading', { name: 'First app', level: 1 }).waitFor();
  const subscribe = page.getByRole('form', { name: 'Subscribe to a plan' });
  await subscribe.getByLabel('API').selectOption({ label: 'Hello' });
  await subscribe.getByLabel('Plan').selectOption({ label: 'Free (auto approval)' });
  await subscribe.getByRole('button', { name: 'Subscribe' }).click();
  await subscribe.getByRole('status').filter({ hasText: 'Subscribed.' }).waitFor();

  // The key's environment is left as the form chooses it: the one the running gateway serves.
  const keyForm = page.getByRole('form', { name: 'Create a key' });
  await keyForm.getByLabel('Label').fill('first key');
  const environment = keyForm.getByLabel('Environment');
  await page.waitForFunction((element) => element.value === 'production', await environment.elementHandle(), { timeout: 20_000 })
    .catch(async () => { throw new Error(`the key form defaults to ${await environment.inputValue()}, not production, the environment ./bulwark up serves`); });
  await keyForm.getByRole('button', { name: 'Create key' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: named('Copy'), exact: true }).click();
  await dialog.getByText('Copied to the clipboard.').waitFor();
  const key = await page.evaluate(() => navigator.clipboard.readText());
  if (!key.startsWith('bwk_live_')) throw new Error(`the copied key is not a production key: ${key.slice(0, 9)}…`);
  await shot(page, 'first-steps-key');
  await dialog.getByRole('button', { name: /I have stored it/ }).click();
  await page.getByRole('rowheader', { name: 'first key' }).waitFor();
  const row = page.getByRole('row', { name: /first key/ });
  await row.getByRole('cell', { name: 'production', exact: true }).waitFor();
  await row.getByText(new URL(readmeCall.match(/https?:\/\/\S+/)[0]).origin).waitFor(); // the gateway URL next to the key

  // The README's own call, with the key pasted in: 200 with RateLimit-* headers; without the key, 401.
  const withKey = await untilServed(readmeCall.replace('<the key>', key));
  if (!/^ratelimit-limit: 100\r?$/im.test(withKey)) throw new Error(`no RateLimit-* headers on the README's call:\n${withKey}`);
  console.log('  the README\'s curl line with the production key answered 200');
  const withoutKey = await bash(readmeCall.replace(/-H "X-API-Key: <the key>" /, ''));
  if (!/^HTTP\/1\.1 401/.test(withoutKey) || !withoutKey.includes('API_KEY_MISSING')) throw new Error(`without a key:\n${withoutKey}`);
  console.log('  without the key: 401 API_KEY_MISSING');

  // 5. The developer portal at /portal/dev/<slug>: copy the production curl command and run exactly that.
  await page.goto(`${devPortalUrl}${slug}`);
  await page.getByRole('link', { name: 'Hello' }).click();
  await page.getByRole('heading', { name: 'Hello', level: 1 }).waitFor();
  const call = page.getByRole('region', { name: 'How to call it' });
  await call.getByText('API key in the header X-API-Key').first().waitFor();
  const shown = (await call.getByLabel('curl for production').textContent()).trim();
  await call.getByRole('button', { name: 'Copy the production command' }).click();
  await call.getByText('Copied.').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  if (copied !== shown) throw new Error(`the Copy button copied ${JSON.stringify(copied)}, the page shows ${JSON.stringify(shown)}`);
  await call.getByLabel('curl for production').scrollIntoViewIfNeeded();
  await shot(page, 'first-steps-dev-portal');
  console.log(`  copied from the developer portal: ${copied}`);
  const answer = await bash(copied, { API_KEY: key });
  if (!/^HTTP\/1\.1 200/.test(answer)) throw new Error(`the copied curl command did not answer 200:\n${answer}`);
  console.log('  the developer portal\'s copied curl command answered 200');
}

await inBrowser({ shots, executablePath, expectedError }, journey).then(
  () => console.log('first steps: passed'),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
