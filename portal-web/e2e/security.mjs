// A tenant tests the security of an API it publishes, in headless Chromium against the real platform (the
// launcher's SecurityBrowserTest runs a control plane, a staging gateway and the planted-flaw shop with its fixed
// twin): it signs up, creates the shop from its OpenAPI file, attaches the api-key policy, publishes it and adds a
// plan; reads the audit score and threat model on the Security page; runs a scan through the gateway with the
// test consumers the platform makes itself, sees the findings (BOLA among them); fixes the API (its staging
// upstream becomes the fixed twin), rescans and sees the findings fixed. Everything through the UI.
//
//   BASE_URL=… GATEWAY_READY_URL=… FLAWED_URL=… FIXED_URL=… CONTRACT_FILE=… node e2e/security.mjs
//
// Prints "e2e security: passed".
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillSignUp, inBrowser } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const baseUrl = required('BASE_URL').replace(/\/$/, '');
const shots = resolve(process.env.SCREENSHOT_DIR ?? join(here, '..', '..', 'docs', 'screenshots'));
const url = (path) => `${baseUrl}/portal${path}`;
const SCAN_TIMEOUT = 5 * 60_000;

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

/** The audit of an API is a 404 until its first publication (the page shows an empty state). */
function expectedError(text, address) {
  return /status of 404/.test(text) && /\/api\/v1\/apis\/[^/]+\/audit$/.test(address);
}

async function journey(page, shot) {
  const unique = Date.now().toString(36);

  // 1. a new tenant signs up, creates the shop from its OpenAPI file, attaches the api-key policy and publishes it
  await fillSignUp(page, url, unique);
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await page.getByRole('link', { name: 'APIs' }).click();
  await page.getByRole('link', { name: 'Create API' }).first().click();
  await page.getByLabel('Name', { exact: false }).first().fill('Shop');
  await page.getByLabel('Base path').fill('/shop');
  await page.getByLabel('Upstream URLs').fill(required('FLAWED_URL'));
  await page.getByLabel(/Allow private network upstreams/).check();
  await page.getByLabel('OpenAPI file').setInputFiles(required('CONTRACT_FILE'));
  await page.waitForFunction(() => document.querySelector('textarea.code')?.value.includes('openapi:'));
  await page.getByRole('button', { name: 'Create API' }).click();
  await page.getByRole('heading', { name: 'Shop', level: 1 }).waitFor();
  await page.getByLabel('Add a policy').selectOption('api-key');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('group', { name: /\d+\. api-key$/ }).waitFor();
  await page.getByRole('button', { name: 'Save policies' }).click();
  await page.getByText(/Policies saved/).waitFor();
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
  await page.locator('.badge.state-published').first().waitFor();
  // The plan consumers subscribe to; the scan's own test consumers subscribe to it too.
  await page.locator('summary', { hasText: 'Add a plan' }).click();
  await page.getByLabel('Plan name').fill('Standard');
  await page.getByRole('button', { name: 'Add plan' }).click();
  await page.getByRole('rowheader', { name: /Standard/ }).waitFor();

  // 2. the Security page: the audit's score and findings, the threat model naming the object reference
  await page.getByRole('link', { name: 'Security', exact: true }).click();
  await page.getByRole('heading', { name: 'Security of Shop', level: 1 }).waitFor();
  const score = Number(await page.getByLabel('Audit score').innerText());
  if (!(score >= 0 && score <= 100)) throw new Error(`the audit score shown is not a score: ${score}`);
  const auditFindings = page.getByRole('list', { name: 'Audit findings' }).getByRole('listitem');
  if ((await auditFindings.count()) === 0) throw new Error('the audit of the planted-flaw shop shows no finding');
  const threats = page.getByRole('table', { name: 'STRIDE threats per operation' });
  await threats.getByRole('row').filter({ hasText: 'GET /orders/{orderId}' }).filter({ hasText: "'orderId' (path)" }).first().waitFor();
  const assets = await page.getByText(/^Assets: /).innerText();
  console.log(`  audit score ${score}, ${await auditFindings.count()} audit finding(s); threat model: ${assets}`);
  await shot(page, 'security-audit');

  // 3. a scan through the gateway, with the two test consumers the platform makes for the run: no keys to enter
  await page.getByLabel('Test consumers').filter({ hasText: 'made by Bulwark for each run' }).waitFor();
  const first = await scan(page);
  for (const check of ['bola', 'bfla', 'injection', 'verbose-errors', 'excessive-data-exposure', 'missing-rate-limit']) {
    if (!first.has(check)) throw new Error(`the first scan does not show ${check}: ${[...first.keys()].join(', ')}`);
  }
  if ([...first.values()].some((status) => status !== 'New')) throw new Error('a finding of the first scan is not new');
  console.log(`  first scan: ${[...first.keys()].join(', ')}`);
  await shot(page, 'security-scan');

  // 4. the fix: staging now proxies to the fixed twin (awaited on the gateway's applied snapshot version)
  await page.getByRole('link', { name: 'Back to the API' }).click();
  const applied = await snapshotVersion();
  const staging = page.getByRole('form', { name: 'staging environment' });
  await staging.getByLabel('Upstream URLs (staging)').fill(required('FIXED_URL'));
  await staging.getByRole('button', { name: 'Save staging' }).click();
  await staging.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await newerSnapshot(applied);
  await page.getByRole('link', { name: 'Security', exact: true }).click();
  await page.getByRole('heading', { name: 'Security of Shop', level: 1 }).waitFor();

  // 5. the rescan: what the fix closed (BOLA included) is listed as fixed, and no longer among the findings
  const second = await scan(page);
  const fixed = await page.getByRole('list', { name: 'Fixed findings' }).getByRole('listitem').allInnerTexts();
  for (const [check, operation] of [['bola', 'GET /orders/{orderId}'], ['injection', 'GET /products'],
    ['verbose-errors', 'GET /products/{productId}'], ['bfla', ''], ['excessive-data-exposure', ''], ['missing-rate-limit', '']]) {
    if (!fixed.some((line) => line.startsWith(`Fixed: ${check} on ${operation}`))) {
      throw new Error(`${check} on ${operation} is not listed as fixed: ${JSON.stringify(fixed)}`);
    }
    if (second.has(check)) throw new Error(`${check} is still among the findings after the fix`);
  }
  await page.getByRole('img', { name: /^Scan score trend: / }).waitFor();
  const trend = (await page.getByRole('img', { name: /^Scan score trend: / }).getAttribute('aria-label')).match(/\d+/g).map(Number);
  if (!(trend.length === 2 && trend[1] > trend[0])) throw new Error(`the score trend does not rise: ${trend}`);
  console.log(`  rescan: ${fixed.length} fixed, still shown: ${[...second.keys()].join(', ') || 'none'}; trend ${trend.join(' -> ')}`);
  await shot(page, 'security-rescan');
}

/**
 * Runs a scan from the page and waits (the page polls while it runs) for its result; returns the
 * findings table of the run as check → status.
 */
async function scan(page) {
  const runs = page.getByRole('table', { name: 'Scan runs, newest first' });
  const before = (await runs.count()) ? await runs.getByRole('row').count() : 1;
  await page.getByRole('button', { name: 'Run scan now' }).click();
  await runs.getByRole('row').nth(before).waitFor();
  const results = page.getByRole('region', { name: 'Scan results' });
  await results.getByText(/^Run of .*: (completed|budget spent|failed|unreachable|cancelled)/).waitFor({ timeout: SCAN_TIMEOUT });
  const status = await results.locator('strong').first().innerText();
  if (status !== 'completed') throw new Error(`the scan ended ${status}`);
  const findings = new Map();
  const rows = results.getByRole('table', { name: 'Findings of this run' }).getByRole('row');
  for (const row of (await rows.count()) ? await rows.all() : []) {
    const cells = await row.getByRole('cell').allInnerTexts();
    if (cells.length) findings.set(cells[1], cells[5]);
  }
  return findings;
}

/** The snapshot version the staging gateway has applied (its readiness endpoint says). */
async function snapshotVersion() {
  const body = await (await fetch(required('GATEWAY_READY_URL'))).json();
  return Number(body.snapshotVersion ?? 0);
}

/** The gateway applies the new upstream within seconds: a snapshot newer than {@code before}. */
async function newerSnapshot(before) {
  const deadline = Date.now() + 30_000;
  while ((await snapshotVersion()) <= before) {
    if (Date.now() > deadline) throw new Error(`the gateway still runs snapshot ${before}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

inBrowser({ shots, executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', expectedError }, journey)
  .then(() => console.log(`e2e security: passed; screenshots in ${shots}`))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
