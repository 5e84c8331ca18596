// The agent's desk pauses its call's recording (a card payment) and resumes it from the contact panel: the
// button says which, a badge shows while paused, and the server has it (GET /api/v1/agents/{t}/{login}).
// Environment: TOKEN, TENANT, AGENT (its phone registered; the test places a call to it).
'use strict';
const { BASE_URL, openDesk, seedSession, check, eventually, shot, rest, run } = require('./browser.cjs');

const { TOKEN, TENANT, AGENT } = process.env;

async function pausedOnServer() {
  const r = await rest('GET', `/api/v1/agents/${TENANT}/${AGENT}`, undefined, TOKEN);
  return r.data && r.data.contact ? r.data.contact.recording_paused : undefined;
}

run(async () => {
  const { page } = await openDesk('desk-pause');
  await seedSession(page, {
    token: TOKEN,
    user: { login: 'system', name: 'API', memberships: [{ tenant: TENANT, role: 'administrator', agent: AGENT }] },
    tenant: TENANT,
    role: 'administrator',
    agent: AGENT,
  });
  await page.goto(BASE_URL + '/#/desk');
  const panel = page.getByTestId('contact-panel');
  await eventually(async () => (await panel.getAttribute('data-status')) === 'connected', 'the call is connected', 30000);
  const button = page.getByTestId('call-pause-recording');
  check((await button.textContent()) === 'Suspendre l’enregistrement', `the button: ${await button.textContent()}`);
  await button.click();
  await page.getByTestId('recording-paused').waitFor();
  check((await button.getAttribute('aria-pressed')) === 'true', 'the button is pressed');
  check((await pausedOnServer()) === true, 'the server has the recording paused');
  await shot(page, 'desk-recording-paused');
  await button.click();
  await eventually(async () => (await page.getByTestId('recording-paused').count()) === 0, 'the badge goes');
  check((await pausedOnServer()) === false, 'the server has the recording resumed');
});
