// The state bar of a signed-in agent follows the agent's true state: changes made by the page's own buttons
// and changes made elsewhere (the REST commands, here by the test) both show, with the reason and the time
// in state. Screenshots of the desk in French and Arabic.
// Environment: TOKEN (a token the API accepts), TENANT, AGENT (an agent login of that tenant, its phone
// registered: it starts ready), LIVE ("1" when the server has the WebSocket: the page must then be online,
// so that what it shows comes from the events, the REST reads being only for a page offline).
'use strict';
const { BASE_URL, openDesk, seedSession, check, eventually, shot, unlabelled, rest, run } = require('./browser.cjs');

const { TOKEN, TENANT, AGENT, LIVE } = process.env;

async function apiState() {
  const r = await rest('GET', `/api/v1/agents?tenant=${TENANT}`, undefined, TOKEN);
  check(r.status === 200, `GET /api/v1/agents: ${r.status}`);
  return r.data.agents.find((a) => a.login === AGENT);
}

run(async () => {
  const { page } = await openDesk('state');
  await seedSession(page, {
    token: TOKEN,
    user: { login: 'supervisor', name: 'Superviseur', memberships: [{ tenant: TENANT, role: 'administrator', agent: AGENT }] },
    tenant: TENANT,
    agent: AGENT,
  });
  await page.goto(BASE_URL + '/');
  const pill = page.getByTestId('agent-state');
  await pill.waitFor();
  const shown = async () => pill.getAttribute('data-state');
  await eventually(async () => (await shown()) === (await apiState()).state, 'the page shows the state the API has');

  const conn = await page.getByTestId('conn-indicator').getAttribute('data-state');
  check(['online', 'connecting', 'offline'].includes(conn), `a connection indicator: ${conn}`);
  if (LIVE === '1') {
    await eventually(async () => (await page.getByTestId('conn-indicator').getAttribute('data-state')) === 'online', 'the live link is up');
  }

  // A command from elsewhere: the page catches up by itself.
  let r = await rest('POST', `/api/v1/agents/${TENANT}/${AGENT}/not-ready`, { reason: 'meeting' }, TOKEN);
  check(r.status === 200, `REST not-ready: ${r.status} ${JSON.stringify(r.data)}`);
  await eventually(async () => (await shown()) === 'not_ready', 'the page shows "not ready" after the REST command');
  await eventually(async () => (await page.getByTestId('state-reason').textContent()) === 'Réunion', 'with its reason');
  check((await pill.textContent()) === 'Indisponible', `the French label: ${await pill.textContent()}`);
  await page.getByTestId('btn-ready').click();
  await eventually(async () => (await shown()) === 'ready', 'ready after the button');
  check((await apiState()).state === 'ready', 'the server has the agent ready');
  check((await pill.textContent()) === 'Disponible', `the French label: ${await pill.textContent()}`);

  // The page's own buttons: not ready for lunch.
  await page.getByTestId('reason-select').selectOption('lunch');
  await page.getByTestId('btn-not-ready').click();
  await eventually(async () => (await shown()) === 'not_ready', 'not ready after the button');
  await eventually(async () => (await page.getByTestId('state-reason').textContent()) === 'Déjeuner', 'the reason is shown');
  const a = await apiState();
  check(a.state === 'not_ready' && a.reason === 'lunch', `the server has the agent not ready for lunch: ${JSON.stringify(a)}`);
  await eventually(async () => /^\d+:\d\d$/.test(await page.getByTestId('state-time').textContent()), 'the time in state, m:ss');
  const nameless = await unlabelled(page);
  check(nameless.length === 0, `every control has an accessible name: ${nameless.join(' | ')}`);
  await shot(page, 'desk-fr');

  await page.getByTestId('lang-select').selectOption('ar');
  await eventually(async () => (await page.evaluate(() => document.documentElement.dir)) === 'rtl', 'Arabic, right to left');
  check((await pill.textContent()) === 'غير متاح', `the Arabic label: ${await pill.textContent()}`);
  const bar = await page.getByTestId('state-bar').boundingBox();
  const brand = await page.locator('.brand').boundingBox();
  check(brand.x > bar.x, 'the bar is mirrored: the brand is at the right in Arabic');
  await shot(page, 'desk-ar');
  await page.getByTestId('lang-select').selectOption('fr');

  // Ready from elsewhere while the page stays open.
  r = await rest('POST', `/api/v1/agents/${TENANT}/${AGENT}/ready`, {}, TOKEN);
  check(r.status === 200, `REST ready: ${r.status}`);
  await eventually(async () => (await shown()) === 'ready', 'the page shows "ready" after the REST command');
  check((await page.getByTestId('state-reason').count()) === 0, 'no reason shown when ready');

  await page.getByTestId('btn-logout').click();
  await eventually(async () => (await shown()) === 'logged_out', 'logged out after the button');
  check((await apiState()).state === 'logged_out', 'the server has the agent logged out');
  await page.getByTestId('btn-login').click();
  await eventually(async () => (await shown()) !== 'logged_out', 'logged in again after the button');
  check((await apiState()).state === (await shown()), 'the page and the server agree');
});
