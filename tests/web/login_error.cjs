// A refused sign-in shows its reason in the form, in the page's language, and leaves the user on the form.
'use strict';
const { BASE_URL, openDesk, check, eventually, shot, run } = require('./browser.cjs');

run(async () => {
  const { page } = await openDesk('login-error');
  await page.goto(BASE_URL + '/');
  await page.getByTestId('login-user').fill('nobody');
  await page.getByTestId('login-password').fill('not-the-password');
  await page.getByTestId('login-password').press('Enter'); // the keyboard submits the form
  const error = page.getByTestId('login-error');
  await error.waitFor();
  check((await error.textContent()) === 'Identifiant ou mot de passe incorrect.', `the French error: ${await error.textContent()}`);
  check((await error.getAttribute('role')) === 'alert', 'the error is announced (role=alert)');
  check((await page.getByTestId('login-password').inputValue()) === '', 'the password field is emptied');
  check((await page.getByTestId('login-user').inputValue()) === 'nobody', 'the user name is kept');
  const stored = await page.evaluate(() => sessionStorage.getItem('plateau.session'));
  check(stored === null, 'no session is kept after a refusal');
  await shot(page, 'login-error-fr');
  await page.getByTestId('lang-select').selectOption('en');
  await eventually(async () => (await error.textContent()) === 'Wrong user name or password.', 'the error follows the language');
});
