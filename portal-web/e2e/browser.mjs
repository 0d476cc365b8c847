// What every console journey in headless Chromium shares (playwright-core, Debian's chromium): a fresh
// profile, browser errors collected as failures, a screenshot and the page's alerts when a step fails,
// and screenshots that are also accessibility checks (axe-core).
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

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

// A failed run's screenshot is evidence for that run only: it goes to the build folder, never into docs/.
const failures = process.env.FAILURE_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'e2e-failures');

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs {@code journey(page, shot)} in a fresh Chromium profile. Browser console errors (but those
 * {@code expectedError(text, url)} accepts), page errors and accessibility violations fail the run, after it.
 */
export async function inBrowser({ shots, executablePath = '/usr/bin/chromium', expectedError = () => false }, journey) {
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
  const accessibility = [];
  const shot = screenshotter(shots, accessibility);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error' && !expectedError(message.text(), message.location().url ?? '')) {
        problems.push(`console: ${message.text()} (${message.location().url || page.url()})`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    try {
      await journey(page, shot);
    } catch (error) {
      // What the user would see: the alerts on the page, and a screenshot (portal-web/target/e2e-failures/).
      const alerts = await page.getByRole('alert').allInnerTexts().catch(() => []);
      const failure = join(failures, 'failure.png');
      await mkdir(failures, { recursive: true }).then(() => page.screenshot({ path: failure })).catch(() => {});
      throw new Error(`${error.message}\n  page ${page.url()}\n  alerts: ${JSON.stringify(alerts)}\n  browser: ${problems.join(' | ')}\n  screenshot ${failure}`);
    }
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
  if (problems.length) throw new Error(`browser reported errors:\n${problems.join('\n')}`);
  if (accessibility.length) throw new Error(`accessibility violations:\n${accessibility.join('\n')}`);
}

/** Every screenshot is also an accessibility check (axe-core, WCAG 2.1 A/AA rules) of the whole page. */
function screenshotter(shots, accessibility) {
  return async (page, name) => {
    // Sections fetch their data on their own and say "Loading …" until it comes: the picture, and axe, get the loaded page.
    await page.waitForFunction(() => !/(^|\n)Loading [^\n]*…/.test(document.querySelector('main')?.innerText ?? document.body.innerText),
      null, { timeout: 15_000 }).catch(() => console.log(`  ${name}: still loading after 15 s`));
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource); // through DevTools: the console's CSP (script-src 'self') rightly refuses an inline script tag
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    });
    accessibility.push(...violations.map((v) => `${name}: ${v}`));
    console.log(`  screenshot ${name}.png, axe: ${violations.length ? violations.length + ' violation(s)' : 'no violations'}`);
  };
}

/** Fills the console's sign-up form for a new organisation (the caller submits it); returns its slug. */
export async function fillSignUp(page, url, unique) {
  const slug = `e2e-${unique}`;
  await page.goto(url('/signup'));
  await page.getByLabel('Organisation name').fill(`E2E ${unique}`);
  await page.getByLabel('Organisation slug').fill(slug);
  await page.getByLabel('Your name').fill('E2E Owner');
  await page.getByLabel('Email').fill(`owner+${unique}@example.com`);
  await page.getByLabel('Password').fill(`correct-horse-${unique}-battery`);
  return slug;
}
