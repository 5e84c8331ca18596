// A supervisor without an agent login signs in and lands on the wallboard with the pages of its role;
// the address chooses the page; an agent sees the desktop and no supervisor page, even by address.
'use strict';
const { BASE_URL, openDesk, check, eventually, run } = require('./browser.cjs');

async function signIn(page, login, password) {
  await page.goto(BASE_URL + '/');
  await page.getByTestId('login-user').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-password').press('Enter');
}

run(async () => {
  const { page } = await openDesk('pages-supervisor');
  await signIn(page, process.env.SUPERVISOR, process.env.PASSWORD);
  await page.getByTestId('page-wallboard').waitFor();
  const nav = page.getByTestId('nav');
  check((await nav.locator('a').allTextContents()).join('|') === 'Supervision|Rapports|Qualité',
        `the supervisor's pages: ${(await nav.locator('a').allTextContents()).join('|')}`);
  check((await page.getByTestId('state-bar').count()) === 0, 'no state bar without an agent login');
  await page.getByTestId('nav-reports').click();
  await page.getByTestId('page-reports').waitFor();
  check(page.url().endsWith('#/reports'), `the address follows the page: ${page.url()}`);
  await page.goto(BASE_URL + '/#/quality');
  await page.getByTestId('page-quality').waitFor();
  await page.goto(BASE_URL + '/#/desk'); // no agent login: not the desktop
  await page.getByTestId('page-wallboard').waitFor();

  const agent = await openDesk('pages-agent');
  await signIn(agent.page, process.env.AGENT_USER, process.env.PASSWORD);
  await agent.page.getByTestId('state-bar').waitFor();
  check((await agent.page.getByTestId('nav').count()) === 0, 'an agent has one page: no navigation');
  await agent.page.goto(BASE_URL + '/#/wallboard');
  await eventually(async () => (await agent.page.getByTestId('state-bar').count()) === 1, 'the agent stays on the desktop');
  check((await agent.page.getByTestId('page-wallboard').count()) === 0, 'an agent does not open the wallboard');
});
