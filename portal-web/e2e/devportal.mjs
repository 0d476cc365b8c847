// The developer's half of the browser journey: after the tenant has published Orders with the plan "Free",
// a developer finds it in the tenant's developer portal, reads its reference, signs up, registers an
// application, subscribes it, creates a key (shown once), calls the gateway with it and sees the call in
// the application's usage and remaining quota. Every screenshot is also an axe check (see run.mjs).

/** Path of the developer's own call: the upstream echoes it, and the launcher test finds it among the upstream's requests. */
export const DEVELOPER_CALL = '/orders/orders/from-developer';

export async function developerJourney(page, { url, shot, slug, unique, gatewayUrl }) {
  // 1. the catalog and the API reference, signed out
  await page.goto(url(`/dev/${slug}`));
  await page.getByRole('heading', { name: 'APIs', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Orders' }).waitFor();
  await shot(page, 'dev-catalog');
  await page.getByRole('link', { name: 'Orders' }).click();
  await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Free' }).waitFor();
  const list = page.locator('details.operation', { hasText: 'List orders' });
  await list.waitFor();
  await shot(page, 'dev-api');
  await list.locator('summary').click();
  await list.getByRole('rowheader', { name: 'limit' }).waitFor();
  await list.getByText('array of Order').waitFor();
  await list.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await shot(page, 'dev-api-reference');
  const curl = await copiedCurl(page, gatewayUrl);
  await fitsSmallLaptop(page, 'the API page');
  await page.evaluate(() => window.scrollTo(0, 0));

  // 2. sign up from the plan's invitation, and come back to the API
  await page.getByRole('region', { name: 'Plans' }).getByRole('link', { name: 'sign up' }).click();
  await page.getByRole('heading', { name: 'Sign up as a developer' }).waitFor();
  await page.getByLabel('Your name').fill('Dana Developer');
  await page.getByLabel('Email').fill(`dana.dev+${unique}@example.com`);
  await page.getByLabel('Password').fill(`dev-Correct-Horse-${unique}`);
  await shot(page, 'dev-signup');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();

  // 3. register an application, then subscribe it to the plan
  await page.getByRole('link', { name: 'Register an application' }).click();
  await page.getByRole('heading', { name: 'Your applications' }).waitFor();
  await page.getByLabel('Application name').fill('Storefront');
  await page.getByLabel('Description').fill('The web shop');
  await page.getByRole('button', { name: 'Register application' }).click();
  await page.getByRole('heading', { name: 'Storefront', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Browse the APIs' }).click();
  await page.getByRole('link', { name: 'Orders' }).click();
  await page.getByRole('button', { name: 'Subscribe Storefront to Free' }).click();
  await page.getByText('Subscribed.').waitFor();
  await page.getByRole('link', { name: 'Go to Storefront to create a key' }).click();
  await page.getByRole('heading', { name: 'Storefront', level: 1 }).waitFor();
  await page.getByRole('region', { name: 'Subscriptions' }).getByText('active').waitFor();

  // 4. a key, shown once
  await page.getByLabel('Label').fill('storefront-staging');
  await page.getByLabel('Environment').selectOption('staging');
  await page.getByRole('button', { name: 'Create key' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const key = await dialog.getByLabel(/API key/).inputValue();
  if (!/^bwk_test_/.test(key)) throw new Error(`the developer's key does not look like a staging key: ${key.slice(0, 9)}…`);
  await shot(page, 'dev-key-created');
  await dialog.getByRole('button', { name: /I have stored it/ }).click();
  await page.getByRole('rowheader', { name: 'storefront-staging' }).waitFor();
  if ((await page.content()).includes(key)) throw new Error("the developer's key is still in the page after its dialog closed");

  // 5. through the gateway with that key, then the call in the application's usage and quota
  if (gatewayUrl) {
    await callGateway(gatewayUrl, key);
    await runCopiedCurl(curl, key);
    await seeUsage(page);
  } else {
    await page.getByText(/No calls in this range yet|in the range\./).first().waitFor();
    if (await page.getByText(/in the range\./).count()) await page.locator('.recharts-wrapper').waitFor();
  }
  await page.getByRole('heading', { name: 'Usage' }).evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.mouse.move(0, 0); // no chart tooltip under a pointer left from the last click
  await shot(page, 'dev-app-usage');
  await fitsSmallLaptop(page, 'the application page');

  await page.getByRole('link', { name: 'Applications', exact: true }).click();
  await page.getByRole('link', { name: 'Storefront' }).waitFor();
  await shot(page, 'dev-apps');
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByText('You have logged out.').waitFor();
}

/** Nothing wider than a 1024 px laptop screen: no horizontal scrolling of the page. */
async function fitsSmallLaptop(page, what) {
  const normal = page.viewportSize();
  await page.setViewportSize({ width: 1024, height: 640 });
  // Charts follow their container through a ResizeObserver: give the layout a moment to settle.
  const fits = await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, null, { timeout: 3000 })
    .then(() => true, () => false);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.setViewportSize(normal);
  if (!fits) throw new Error(`${what} scrolls sideways by ${overflow} px at 1024 px wide`);
}

/**
 * The API page says how to call it: the gateway's URL, the credential it reads (not the document's scheme),
 * the API's own rate limit, and a curl command that the Copy button puts on the clipboard.
 */
async function copiedCurl(page, gatewayUrl) {
  const call = page.getByRole('region', { name: 'How to call it' });
  await call.getByText('API key in the header X-API-Key').first().waitFor();
  // Against the stub no gateway advertises a URL: no command to copy.
  if (!gatewayUrl) return null;
  await call.getByText(/5 requests per minute, for each caller/).waitFor();
  const shown = (await call.getByLabel('curl for staging').textContent()).trim();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await call.getByRole('button', { name: 'Copy the staging command' }).click();
  await call.getByText('Copied.').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  if (copied !== shown) throw new Error(`the Copy button copied ${JSON.stringify(copied)}, the page shows ${JSON.stringify(shown)}`);
  if (!copied.includes(`'${gatewayUrl}/orders/`)) throw new Error(`the copied curl does not call the gateway ${gatewayUrl}: ${copied}`);
  console.log(`  copied from the API page: ${copied}`);
  return copied;
}

/** The copied command, pasted into a shell with the developer's key in $API_KEY, as the page says. */
async function runCopiedCurl(command, key) {
  const { execFile } = await import('node:child_process');
  const output = await new Promise((resolve, reject) => execFile('bash', ['-c', command], { env: { ...process.env, API_KEY: key } },
    (error, stdout) => (error ? reject(error) : resolve(stdout))));
  if (!/^HTTP\/1\.1 200/.test(output)) throw new Error(`the copied curl command did not answer 200:\n${output}`);
  console.log('  the copied curl command answered 200');
}

/** Served once the key's snapshot reaches the gateway; the upstream echoes the path it received. */
async function callGateway(gatewayUrl, key) {
  const call = () => fetch(`${gatewayUrl}${DEVELOPER_CALL}`, { headers: { 'X-API-Key': key } });
  const deadline = Date.now() + 30_000;
  let response = await call();
  while (response.status !== 200) {
    if (Date.now() > deadline) throw new Error(`the gateway never served the developer's key: ${response.status} ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    response = await call();
  }
  const body = await response.json();
  if (body.path !== '/orders/from-developer') throw new Error(`the upstream saw ${JSON.stringify(body.path)}, not the developer's call`);
  console.log('  gateway served the developer key: 200 from the upstream');
}

/** Usage events are ingested in batches: reload until the application's usage and quota count the call. */
async function seeUsage(page) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const counted = await page.getByText(/^\d+ requests?, \d+ errors? in the range\.$/).count();
    const quota = await page.getByText(/[1-9]\d* of 1,000 per day/).count();
    if (counted > 0 && quota > 0) {
      await page.locator('.recharts-wrapper').waitFor(); // the chart is its own chunk: wait for it before the screenshot
      return;
    }
    if (Date.now() > deadline) throw new Error('the application never showed its call in usage and quota');
    await page.waitForTimeout(1000);
    await page.reload();
    await page.getByRole('heading', { name: 'Usage' }).waitFor();
    await page.getByText(/No calls in this range yet|in the range\./).first().waitFor();
  }
}
