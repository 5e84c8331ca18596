// A supervisor finds a call's recording on the quality page, plays it in the page's <audio> (µ-law WAV served
// with HTTP ranges), seeks in it, fills the evaluation form while it plays and saves it (the score comes back
// from the server), then reads the score report; the same page in Arabic is right to left.
'use strict';
const { BASE_URL, openDesk, check, eventually, run, shot, unlabelled } = require('./browser.cjs');

const CALL = process.env.CALL_ID;

run(async () => {
  const { page } = await openDesk('quality');
  await page.goto(BASE_URL + '/');
  await page.getByTestId('login-user').fill(process.env.SUPERVISOR);
  await page.getByTestId('login-password').fill(process.env.PASSWORD);
  await page.getByTestId('login-password').press('Enter');
  await page.getByTestId('page-wallboard').waitFor();
  await page.goto(BASE_URL + '/#/quality');
  await page.getByTestId('page-quality').waitFor();

  await page.getByTestId('quality-filter-agent').fill('2001');
  await page.getByTestId('quality-search-submit').click();
  await page.getByTestId('quality-results').waitFor();
  check((await page.getByTestId('quality-total').textContent()).includes('1'), 'one recording found');
  await page.getByTestId(`quality-listen-${CALL}`).click();
  const player = page.getByTestId('quality-player');
  await player.waitFor();
  check((await player.getAttribute('data-call')) === CALL, 'the player has the chosen call');

  // Plays (muted: no user gesture is needed), then seeks forward: the browser asks for a later range.
  const audio = page.getByTestId('quality-audio');
  await audio.evaluate((a) => {
    a.muted = true;
    return a.play();
  });
  const duration = await eventually(
    () => audio.evaluate((a) => (a.error ? `error ${a.error.code}` : a.currentTime > 0.5 && a.duration)),
    'the recording plays',
  );
  check(typeof duration === 'number' && duration > 6 && duration < 12, `the recording lasts the call: ${duration}`);
  await audio.evaluate((a) => {
    a.currentTime = 5;
  });
  await eventually(() => audio.evaluate((a) => !a.error && !a.seeking && a.currentTime >= 5), 'the seek is served');

  // The evaluation, filled while listening.
  await page.getByTestId('quality-score-greeting').selectOption('4');
  await page.getByTestId('quality-score-accuracy').selectOption('7');
  await page.getByTestId('quality-score-closing').selectOption('na');
  await page.getByTestId('quality-eval-comment').fill('Accueil chaleureux, information exacte.');
  await page.getByTestId('quality-eval-save').click();
  const saved = page.getByTestId('quality-saved').locator('li').first();
  await saved.waitFor();
  check((await saved.getAttribute('data-score')) === '74', `the server's score: ${await saved.getAttribute('data-score')}`);
  check((await unlabelled(page)).length === 0, `controls without a label: ${await unlabelled(page)}`);
  await shot(page, 'quality-fr');

  await page.getByTestId('quality-report-interval').selectOption('month');
  await page.getByTestId('quality-report-run').click();
  await page.getByTestId('quality-report-table').waitFor();
  const overall = await page.getByTestId('quality-report-overall').first().textContent();
  check(overall === '74', `the report's overall score: ${overall}`);

  await page.evaluate(() => localStorage.setItem('plateau.lang', 'ar'));
  await page.reload();
  await page.getByTestId('page-quality').waitFor();
  check((await page.evaluate(() => document.documentElement.dir)) === 'rtl', 'Arabic is right to left');
  check((await page.getByTestId('quality-search').textContent()).includes('البحث عن تسجيل'), 'the page in Arabic');
  await shot(page, 'quality-ar');
});
