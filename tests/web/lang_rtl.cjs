// The login page in the four languages: French by default, Arabic right to left with the layout mirrored,
// the choice remembered across a reload.
'use strict';
const { BASE_URL, openDesk, check, eventually, shot, unlabelled, run } = require('./browser.cjs');

async function htmlAttrs(page) {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir, title: document.title }));
}

run(async () => {
  const { page } = await openDesk('lang');
  await page.goto(BASE_URL + '/');
  const submit = page.getByTestId('login-submit');
  await submit.waitFor();
  let a = await htmlAttrs(page);
  check(a.lang === 'fr' && a.dir === 'ltr', `French by default, left to right: ${JSON.stringify(a)}`);
  check((await submit.textContent()) === 'Se connecter', 'the French login button');
  check((await page.getByLabel('Identifiant').count()) === 1, 'the user field is labelled in French');
  const width = page.viewportSize().width;
  const langBoxLtr = await page.getByTestId('lang-select').boundingBox();
  check(langBoxLtr.x > width / 2, `the language choice is at the end (right) of the bar in LTR: x=${langBoxLtr.x}`);
  const nameless = await unlabelled(page);
  check(nameless.length === 0, `every control has an accessible name: ${nameless.join(' | ')}`);
  await shot(page, 'login-fr');

  await page.getByTestId('lang-select').selectOption('ar');
  await eventually(async () => (await htmlAttrs(page)).dir === 'rtl', 'Arabic turns the page right to left');
  a = await htmlAttrs(page);
  check(a.lang === 'ar', `lang="ar": ${JSON.stringify(a)}`);
  check((await submit.textContent()) === 'دخول', 'the Arabic login button');
  check(a.title.includes('مكتب الوكيل'), `the title follows the language: ${a.title}`);
  const langBoxRtl = await page.getByTestId('lang-select').boundingBox();
  check(langBoxRtl.x < width / 2, `the layout is mirrored in RTL (language choice on the left): x=${langBoxRtl.x}`);
  const align = await page.getByText('اسم المستخدم').evaluate((el) => getComputedStyle(el).direction);
  check(align === 'rtl', `labels are laid out right to left: ${align}`);
  await shot(page, 'login-ar');

  await page.reload();
  await submit.waitFor();
  a = await htmlAttrs(page);
  check(a.lang === 'ar' && a.dir === 'rtl', `the choice is remembered after a reload: ${JSON.stringify(a)}`);

  await page.getByTestId('lang-select').selectOption('es');
  await eventually(async () => (await submit.textContent()) === 'Entrar', 'the Spanish login button');
  check((await htmlAttrs(page)).dir === 'ltr', 'Spanish is left to right');
  await page.getByTestId('lang-select').selectOption('en');
  await eventually(async () => (await submit.textContent()) === 'Sign in', 'the English login button');
  await page.getByTestId('lang-select').selectOption('fr');
  await eventually(async () => (await submit.textContent()) === 'Se connecter', 'back to French');
});
