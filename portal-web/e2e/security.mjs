// A tenant tests the security of an API it published, in headless Chromium against the real platform (the
// launcher's SecurityBrowserTest, which publishes the planted-flaw shop behind the api-key policy on the staging
// gateway and issues two test consumers' keys): the owner logs in, reads the API's audit score and threat model
// on its Security page, gives the scan the two test consumers and runs a scan through the gateway, sees the
// findings, fixes the API (its staging upstream becomes the fixed twin), rescans and sees the findings fixed.
//
//   BASE_URL=… GATEWAY_URL=… EMAIL=… PASSWORD=… API_ID=… PRIMARY_KEY=… SECONDARY_KEY=… FIXED_URL=… node e2e/security.mjs
//
// Prints "e2e security: passed".
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inBrowser } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const baseUrl = required('BASE_URL').replace(/\/$/, '');
const gatewayUrl = required('GATEWAY_URL').replace(/\/$/, '');
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
  // 1. the owner logs in and opens the published API
  await page.goto(url('/login'));
  await page.getByLabel('Email').fill(required('EMAIL'));
  await page.getByLabel('Password').fill(required('PASSWORD'));
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await page.getByRole('link', { name: 'APIs' }).click();
  await page.getByRole('link', { name: 'Shop', exact: true }).click();
  await page.getByRole('heading', { name: 'Shop', level: 1 }).waitFor();
  await page.locator('.badge.state-published').first().waitFor();

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

  // 3. the scan's two test consumers, then a scan through the gateway
  await setTestConsumers(page, required('PRIMARY_KEY'), required('SECONDARY_KEY'));
  const first = await scan(page);
  for (const check of ['bfla', 'injection', 'verbose-errors', 'excessive-data-exposure', 'missing-rate-limit']) {
    if (!first.has(check)) throw new Error(`the first scan does not show ${check}: ${[...first.keys()].join(', ')}`);
  }
  if ([...first.values()].some((status) => status !== 'New')) throw new Error('a finding of the first scan is not new');
  console.log(`  first scan: ${[...first.keys()].join(', ')}`);
  await shot(page, 'security-scan');

  // 4. the fix: staging now proxies to the fixed twin
  await page.getByRole('link', { name: 'Back to the API' }).click();
  const staging = page.getByRole('form', { name: 'staging environment' });
  await staging.getByLabel('Upstream URLs (staging)').fill(required('FIXED_URL'));
  await staging.getByRole('button', { name: 'Save staging' }).click();
  await staging.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await servedByFixedTwin();
  await page.getByRole('link', { name: 'Security', exact: true }).click();
  await page.getByRole('heading', { name: 'Security of Shop', level: 1 }).waitFor();

  // 5. the rescan: what the fix closed is listed as fixed, and no longer among the findings
  const second = await scan(page);
  const fixed = await page.getByRole('list', { name: 'Fixed findings' }).getByRole('listitem').allInnerTexts();
  for (const [check, operation] of [['injection', 'GET /products'], ['verbose-errors', 'GET /products/{productId}'], ['bfla', ''],
    ['excessive-data-exposure', ''], ['missing-rate-limit', '']]) {
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

/** Fills both write-only credential fields of the scan settings and saves them. */
async function setTestConsumers(page, primary, secondary) {
  const settings = page.getByRole('region', { name: 'Scan settings' });
  await settings.getByLabel(/^Test consumer credential/).fill(primary);
  await settings.getByLabel(/^Second test consumer credential/).fill(secondary);
  await settings.getByRole('button', { name: 'Save scan settings' }).click();
  // The fields empty themselves once the server has sealed the values.
  await page.waitForFunction(() => [...document.querySelectorAll('input[type=password]')].every((input) => input.value === ''));
  await settings.getByText(/Second test consumer credential — set/).waitFor();
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

/** The staging gateway applies the new upstream within seconds; the fixed twin never says what powers it. */
async function servedByFixedTwin() {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await fetch(`${gatewayUrl}/shop/products`, { headers: { 'X-API-Key': required('PRIMARY_KEY') } });
    if (response.status === 200 && !response.headers.has('x-powered-by')) return;
    if (Date.now() > deadline) throw new Error(`the gateway still proxies to the flawed twin: ${response.status}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

inBrowser({ shots, executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', expectedError }, journey)
  .then(() => console.log(`e2e security: passed; screenshots in ${shots}`))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
