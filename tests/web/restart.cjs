// A server restart under an open desk: the page notices the server is gone, and once it is back shows the
// agent's true state again (here: logged out, as a restarted server has no agent logged in) without a reload.
// The test (test_desktop.py) restarts Plateau when this script writes OUT_DIR/restart-now, and writes
// OUT_DIR/restarted when the new server answers. Environment: TOKEN, TENANT, AGENT, LIVE ("1" when the
// server has the WebSocket: the indicator must then come back to "online").
'use strict';
const fs = require('fs');
const path = require('path');
const { BASE_URL, OUT_DIR, openDesk, seedSession, check, eventually, shot, run } = require('./browser.cjs');

const { TOKEN, TENANT, AGENT, LIVE } = process.env;

run(async () => {
  const { page } = await openDesk('restart');
  await seedSession(page, {
    token: TOKEN,
    user: { login: 'supervisor', name: 'Superviseur', memberships: [{ tenant: TENANT, role: 'administrator', agent: AGENT }] },
    tenant: TENANT,
    agent: AGENT,
  });
  await page.goto(BASE_URL + '/');
  const pill = page.getByTestId('agent-state');
  await eventually(async () => (await pill.getAttribute('data-state')) === 'ready', 'the agent is ready before the restart');
  if (LIVE === '1') {
    await eventually(async () => (await page.getByTestId('conn-indicator').getAttribute('data-state')) === 'online', 'the live link is up');
  }
  fs.writeFileSync(path.join(OUT_DIR, 'restart-now'), '');
  const restarted = path.join(OUT_DIR, 'restarted');
  await eventually(async () => fs.existsSync(restarted), 'the server is restarted', 60000);
  await eventually(async () => (await pill.getAttribute('data-state')) === 'logged_out', 'the page shows the true state after the restart', 45000);
  if (LIVE === '1') {
    await eventually(async () => (await page.getByTestId('conn-indicator').getAttribute('data-state')) === 'online', 'the live link is back', 45000);
  }
  check((await page.getByTestId('login-form').count()) === 0, 'the agent stays signed in');
  await shot(page, 'after-restart');
});
