// The wallboard while a call flows (test_wallboard.py places the call when this script says so): the waiting
// figure of "sales" turns amber, the agent's row shows the contact with its time in state ticking, the counts
// and the service level follow; the supervisor buttons send the monitor and force-state requests of docs/API.md
// and the forced log-out takes effect; TV mode; screenshots in French and Arabic.
'use strict';
const fs = require('fs');
const path = require('path');
const { BASE_URL, OUT_DIR, openDesk, check, eventually, shot, unlabelled, rest, run } = require('./browser.cjs');

const { TOKEN, TENANT, AGENT } = process.env;
const T = Number(process.env.PLATEAU_WEB_TIMEOUT_MS || 15000);

run(async () => {
  const { page } = await openDesk('wallboard');
  const sent = [];
  page.on('request', (r) => {
    if (/\/monitor$|\/monitors\/|\/force-state$/.test(r.url())) sent.push({ method: r.method(), url: r.url(), body: r.postData() });
  });
  await page.goto(BASE_URL + '/');
  await page.getByTestId('login-user').fill(process.env.SUPERVISOR);
  await page.getByTestId('login-password').fill(process.env.PASSWORD);
  await page.getByTestId('login-password').press('Enter');
  await page.getByTestId('page-wallboard').waitFor();
  const tile = page.locator('[data-testid="wb-queue"][data-queue="sales"]');
  await tile.waitFor();
  const text = async (loc) => (await loc.textContent()).replace(/\s+/g, ' ').trim();
  const figure = (id) => tile.getByTestId(id);
  const offered0 = Number(await text(figure('wb-offered')));
  check(offered0 === 0, `nothing offered yet: ${offered0}`);
  check((await text(tile.getByTestId('wb-formula'))).includes('A_T / (A + Ab - Ab_T)'), 'the service-level formula is shown');
  check((await figure('wb-waiting').getAttribute('data-level')) === 'ok', 'nobody waiting: ok');
  const row = page.locator(`[data-testid="wb-agent"][data-login="${AGENT}"]`);
  await eventually(async () => (await row.getAttribute('data-state')) === 'not_ready', 'the agent is not ready', T);
  check((await text(row.getByTestId('wb-agent-state'))).includes('Indisponible'), 'the state in French');
  check((await unlabelled(page)).length === 0, `every control has a name: ${await unlabelled(page)}`);

  fs.writeFileSync(path.join(OUT_DIR, 'ready-for-call'), '');
  // The call waits: one waiting, amber (threshold 1), the longest wait grows.
  await eventually(async () => (await text(figure('wb-waiting').locator('.wb-fig-value'))).startsWith('1'), 'one call waiting', T);
  check((await figure('wb-waiting').getAttribute('data-level')) === 'amber', 'one waiting call is amber');
  check(Number(await text(figure('wb-offered'))) === 1, 'the call is offered to the queue');
  await shot(page, 'wallboard-waiting');

  // The agent goes ready: the call is answered; the row shows the contact and the time ticks.
  const r = await rest('POST', `/api/v1/agents/${TENANT}/${AGENT}/ready`, {}, TOKEN);
  check(r.status === 200, `ready: ${r.status}`);
  await eventually(async () => (await row.getAttribute('data-state')) === 'busy', 'the agent is on the call', T);
  check((await text(row.getByTestId('wb-agent-contact'))).includes('sales'), 'the contact shows its queue');
  await eventually(async () => Number(await text(figure('wb-answered'))) === 1, 'answered 1', T);
  check((await figure('wb-waiting').getAttribute('data-level')) === 'ok', 'nobody waiting again: ok');
  const t1 = await text(row.getByTestId('wb-agent-time'));
  await eventually(async () => (await text(row.getByTestId('wb-agent-time'))) !== t1, 'the time in state ticks', 5000);
  await shot(page, 'wallboard-fr');

  // Listen without a phone: asked for one; with a phone, the monitor request of docs/API.md is sent.
  await row.getByTestId('wb-listen').click();
  await eventually(async () => (await page.getByTestId('wb-message').count()) === 1, 'the page asks for a phone', T);
  await page.getByTestId('wb-phone').fill('2004');
  await row.getByTestId('wb-listen').click();
  await eventually(async () => sent.some((s) => s.url.endsWith('/monitor')), 'a monitor request', T);
  const mon = sent.find((s) => s.url.endsWith('/monitor'));
  check(mon.method === 'POST' && new RegExp(`/api/v1/tenants/${TENANT}/calls/[^/]+/monitor$`).test(mon.url), `monitor URL: ${mon.url}`);
  const body = JSON.parse(mon.body);
  check(body.mode === 'listen' && body.phone === '2004', `monitor body: ${mon.body}`);
  check((await page.evaluate(() => localStorage.getItem('plateau.wallboard.phone'))) === '2004', 'the phone is remembered');

  // The call ends: handled 1, the service level is 100 % (A_T / (A + Ab - Ab_T) = 1 / 1).
  await eventually(async () => Number(await text(row.getByTestId('wb-agent-handled'))) === 1, 'one contact handled', 30000);
  check((await text(figure('wb-sl'))).includes('100'), `service level: ${await text(figure('wb-sl'))}`);

  // Force not ready (reason), then log out: the force-state requests of docs/API.md.
  await row.getByTestId('wb-force-not-ready').selectOption('lunch');
  await row.getByTestId('wb-force-logout').click();
  await eventually(async () => sent.filter((s) => s.url.endsWith('/force-state')).length === 2, 'two force-state requests', T);
  const forced = sent.filter((s) => s.url.endsWith('/force-state')).map((s) => JSON.parse(s.body));
  check(forced[0].state === 'not_ready' && forced[0].reason === 'lunch' && forced[1].state === 'logged_out',
        `force-state bodies: ${JSON.stringify(forced)}`);
  check(sent.every((s) => s.url.includes(`/${TENANT}/`)), 'every request names the tenant');
  await eventually(async () => {
    const a = await rest('GET', `/api/v1/agents/${TENANT}/${AGENT}`, undefined, TOKEN);
    return a.status === 200 && a.data.state === 'logged_out';
  }, 'the forced log-out takes effect', T);

  // Arabic: right to left, the same figures.
  await page.evaluate(() => localStorage.setItem('plateau.lang', 'ar'));
  await page.reload();
  await tile.waitFor();
  check((await page.evaluate(() => document.documentElement.dir)) === 'rtl', 'Arabic is right to left');
  check((await page.getByTestId('page-wallboard').locator('h1').textContent()) === 'الإشراف المباشر', 'the title in Arabic');
  check(Number(await text(figure('wb-answered'))) >= 1 || (await text(figure('wb-answered'))) !== '', 'figures in Arabic');
  await shot(page, 'wallboard-ar');

  // TV mode: no navigation, bigger figures; remembered.
  await page.evaluate(() => localStorage.setItem('plateau.lang', 'fr'));
  await page.reload();
  await tile.waitFor();
  const small = await figure('wb-waiting').locator('.wb-fig-value').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  await page.getByTestId('wb-tv').click();
  check((await page.locator('.topbar').isVisible()) === false, 'TV mode hides the top bar');
  const big = await figure('wb-waiting').locator('.wb-fig-value').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  check(big >= 1.5 * small, `TV figures are bigger: ${small} -> ${big}`);
  await shot(page, 'wallboard-tv');
  await page.reload();
  await tile.waitFor();
  check((await page.locator('.topbar').isVisible()) === false, 'TV mode is remembered');
});
