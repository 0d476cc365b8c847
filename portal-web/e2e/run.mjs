// End-to-end walk through the console in headless Chromium (playwright-core, Debian's chromium).
//
//   BASE_URL=http://127.0.0.1:8080 npm run e2e            full journey against a running control plane
//   E2E_MODE=smoke BASE_URL=http://127.0.0.1:4173 npm run e2e   only load the sign-up page (works on `vite preview`)
//
// Screenshots go to docs/screenshots/ at the repository root. Any browser console error fails the run.
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const baseUrl = (process.env.BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const portalPath = process.env.PORTAL_PATH ?? '/portal';
const mode = process.env.E2E_MODE ?? 'full';
const shots = resolve(process.env.SCREENSHOT_DIR ?? join(here, '..', '..', 'docs', 'screenshots'));
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const url = (path) => `${baseUrl}${portalPath}${path}`;
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const accessibility = [];

async function main() {
  await mkdir(shots, { recursive: true });
  const profile = await mkdtemp(join(tmpdir(), 'bulwark-e2e-'));
  // A persistent context is how Playwright takes a --user-data-dir; the directory is fresh every run.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 720 },
  });
  const problems = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error' && !expectedError(message.text())) problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    if (mode === 'smoke') await smoke(page);
    else await journey(page);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
  if (problems.length) throw new Error(`browser reported errors:\n${problems.join('\n')}`);
  if (accessibility.length) throw new Error(`accessibility violations:\n${accessibility.join('\n')}`);
  console.log(`e2e ${mode}: passed; screenshots in ${shots}`);
}

/** The probe of /api/v1/me before anyone has signed in answers 401; the browser logs that as an error. */
function expectedError(text) {
  return /status of 401/.test(text) || /status of 404/.test(text);
}

/** Every screenshot is also an accessibility check (axe-core, WCAG 2.1 A/AA rules) of the whole page. */
async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  accessibility.push(...violations.map((v) => `${name}: ${v}`));
  console.log(`  screenshot ${name}.png, axe: ${violations.length ? violations.length + ' violation(s)' : 'no violations'}`);
}

async function smoke(page) {
  await page.goto(url('/signup'));
  await page.getByRole('heading', { name: 'Create your organisation' }).waitFor();
  await page.getByLabel('Organisation name').fill('Acme Payments');
  await shot(page, 'signup');
}

async function journey(page) {
  const unique = Date.now().toString(36);
  const slug = `e2e-${unique}`;

  // 1. sign up
  await page.goto(url('/signup'));
  await page.getByLabel('Organisation name').fill(`E2E ${unique}`);
  await page.getByLabel('Organisation slug').fill(slug);
  await page.getByLabel('Your name').fill('E2E Owner');
  await page.getByLabel('Email').fill(`owner+${unique}@example.com`);
  await page.getByLabel('Password').fill(`correct-horse-${unique}-battery`);
  await shot(page, 'signup');
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  await shot(page, 'overview-empty');

  // 2. create an API from the fixture OpenAPI file
  await page.getByRole('link', { name: 'APIs' }).click();
  await page.getByRole('link', { name: 'Create API' }).first().click();
  await page.getByLabel('Name', { exact: false }).first().fill('Orders');
  await page.getByLabel('Base path').fill('/orders');
  await page.getByLabel('Upstream URLs').fill('https://orders.example.com');
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
  await rateLimit.getByLabel(/^Limit/).fill('100');
  await rateLimit.getByLabel(/^Period seconds/).fill('60');
  await page.getByRole('button', { name: 'Save policies' }).click();
  await page.getByText(/Policies saved/).waitFor();
  await rateLimit.scrollIntoViewIfNeeded();
  await shot(page, 'api-policies');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
  await page.locator('.badge.state-published').first().waitFor();

  // 3. a developer, an application, a key
  await page.getByRole('link', { name: 'Developers' }).click();
  await page.getByLabel('Name').fill('Dana Developer');
  await page.getByLabel('Email').fill(`dana+${unique}@example.com`);
  await page.getByRole('button', { name: 'Add developer' }).click();
  await page.getByRole('cell', { name: 'Dana Developer' }).waitFor();

  await page.getByRole('link', { name: 'Applications & keys' }).click();
  await page.getByLabel('Name').fill('Checkout');
  await page.getByLabel('Developer').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Create application' }).click();
  await page.getByRole('heading', { name: 'Checkout', level: 1 }).waitFor();

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

  // 4. the overview: charts when the control plane reports traffic, otherwise the getting-started steps
  await page.getByRole('link', { name: 'Overview' }).click();
  await page.getByRole('heading', { name: /^(Requests|No traffic yet)$/ }).first().waitFor();
  await shot(page, 'overview');

  // 5. the remaining screens, each checked by axe
  for (const [link, heading, name] of [
    ['Developers', 'Developers', 'developers'],
    ['Team', 'Team', 'team'],
    ['Audit log', 'Audit log', 'audit-log'],
    ['Data planes', 'Data planes', 'data-planes'],
    ['Settings', 'Settings', 'settings'],
  ]) {
    await page.getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, name);
  }
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByText('You have logged out.').waitFor();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
