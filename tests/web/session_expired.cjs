// A token the server refuses (401) sends the page back to the login form with the reason, and forgets it.
'use strict';
const { BASE_URL, openDesk, seedSession, check, eventually, run } = require('./browser.cjs');

run(async () => {
  const { page } = await openDesk('expired');
  await seedSession(page, {
    token: 'a-token-the-server-does-not-know',
    user: { login: 'ghost', name: 'Ghost', memberships: [{ tenant: 't1', role: 'agent', agent: '2001' }] },
    tenant: 't1',
    agent: '2001',
  });
  await page.goto(BASE_URL + '/');
  const error = page.getByTestId('login-error');
  await error.waitFor();
  check((await error.textContent()) === 'Votre session a expiré : reconnectez-vous.', `the reason: ${await error.textContent()}`);
  await page.getByTestId('login-form').waitFor();
  await eventually(async () => (await page.evaluate(() => sessionStorage.getItem('plateau.session'))) === null, 'the token is forgotten');
});
