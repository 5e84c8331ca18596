// The browser side of test_e2e_contact.py: two agents' desks (A and B) through a whole contact.
// Environment: USER_A, PASSWORD_A, USER_B, PASSWORD_B, AGENT_B, CUSTOMER_ID, CUSTOMER_NAME, CATEGORY.
// It writes OUT_DIR/waiting-for-call when A is ready (the test then starts the caller) and, at the end,
// OUT_DIR/result.json {reference, subject, note} for the test's checks of the CRM and the call record.
'use strict';
const fs = require('fs');
const path = require('path');
const { BASE_URL, OUT_DIR, openDesk, check, eventually, shot, unlabelled, run } = require('./browser.cjs');

const E = process.env;
const LONG = 60000;

async function signIn(page, user, password) {
  await page.goto(BASE_URL + '/');
  await page.getByTestId('login-user').fill(user);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('state-bar').waitFor();
  await eventually(async () => (await page.getByTestId('conn-indicator').getAttribute('data-state')) === 'online',
    `${user}: the live link is up`);
}

const stateOf = (page) => page.getByTestId('agent-state').getAttribute('data-state');
const contactStatus = (page) => page.getByTestId('contact-panel').getAttribute('data-status');

async function waitState(page, state, what, timeout) {
  await eventually(async () => (await stateOf(page)) === state, what, timeout);
}

async function inLanguage(page, lang, name) {
  await page.getByTestId('lang-select').selectOption(lang);
  await eventually(async () => (await page.evaluate(() => document.documentElement.lang)) === lang, `page in ${lang}`);
  check((await page.evaluate(() => document.documentElement.dir)) === (lang === 'ar' ? 'rtl' : 'ltr'), `dir of ${lang}`);
  await shot(page, name);
}

async function expectScreenPop(page, who) {
  const card = page.getByTestId('customer-card');
  await eventually(async () => (await card.getAttribute('data-customer')) === E.CUSTOMER_ID, `${who}: the card of ${E.CUSTOMER_ID} pops`);
  check((await page.getByTestId('customer-name').textContent()) === E.CUSTOMER_NAME, `${who}: the customer's name`);
  check((await page.getByTestId('attached-customer_id').textContent()) === E.CUSTOMER_ID, `${who}: the number typed in the IVR`);
  check((await page.getByTestId('attached-reason').textContent()) === '2', `${who}: the reason chosen in the IVR`);
}

run(async () => {
  const a = (await openDesk('agent-a')).page;
  const b = (await openDesk('agent-b')).page;
  await signIn(a, E.USER_A, E.PASSWORD_A);
  await signIn(b, E.USER_B, E.PASSWORD_B);

  // B takes a break; A goes ready.
  if ((await stateOf(b)) === 'logged_out') await b.getByTestId('btn-login').click();
  await b.getByTestId('reason-select').selectOption('break');
  await b.getByTestId('btn-not-ready').click();
  await waitState(b, 'not_ready', 'B not ready');
  if ((await stateOf(a)) === 'logged_out') await a.getByTestId('btn-login').click();
  await a.getByTestId('reason-select').waitFor();
  await a.getByTestId('btn-ready').click();
  await waitState(a, 'ready', 'A ready');
  fs.writeFileSync(path.join(OUT_DIR, 'waiting-for-call'), '');

  // The caller goes through the IVR; A's desk shows the contact, then A talks.
  await eventually(async () => ['offered', 'connected'].includes(await contactStatus(a)), 'A is offered the contact', LONG);
  if ((await contactStatus(a)) === 'offered') await a.getByTestId('call-answer').click();
  await eventually(async () => (await contactStatus(a)) === 'connected', 'A is connected', LONG);
  await expectScreenPop(a, 'A');
  check((await unlabelled(a)).length === 0, `A: every call control has a name: ${await unlabelled(a)}`);
  await inLanguage(a, 'fr', 'desk-a-contact-fr');
  await inLanguage(a, 'ar', 'desk-a-contact-ar');
  await inLanguage(a, 'fr', 'desk-a-contact-fr');

  // Hold and retrieve.
  await a.getByTestId('call-hold').click();
  await eventually(async () => (await contactStatus(a)) === 'held', 'A holds the call');
  await a.getByTestId('call-retrieve').click();
  await eventually(async () => (await contactStatus(a)) === 'connected', 'A retrieves the call');

  // B becomes ready; A transfers the caller to B (blind, to the agent).
  await b.getByTestId('btn-ready').click();
  await waitState(b, 'ready', 'B ready');
  await a.getByTestId('call-transfer-mode').selectOption('blind');
  await a.getByTestId('call-transfer-type').selectOption('agent');
  await a.getByTestId('call-transfer-target').fill(E.AGENT_B);
  await a.getByTestId('call-transfer').click();
  await eventually(async () => ['offered', 'connected'].includes(await contactStatus(b)), 'B is offered the transferred call', LONG);
  if ((await contactStatus(b)) === 'offered') await b.getByTestId('call-answer').click();
  await eventually(async () => (await contactStatus(b)) === 'connected', 'B is connected', LONG);
  await expectScreenPop(b, 'B');
  await eventually(async () => (await a.getByTestId('contact-panel').getAttribute('data-status')) !== 'connected', 'A no longer has the call');

  // B ends the call and wraps up: disposition, note, and a new case.
  await b.getByTestId('call-hangup').click();
  await waitState(b, 'wrap_up', 'B in wrap-up', LONG);
  const panel = b.getByTestId('wrapup-panel');
  await panel.waitFor();
  const note = `Réclamation sur la facture de novembre (${Date.now()})`;
  const subject = 'Facture de novembre contestée';
  await b.getByTestId('wrapup-disposition').selectOption('complaint');
  await b.getByTestId('wrapup-note').fill(note);
  await b.getByTestId('wrapup-create-case').check();
  await b.getByTestId('case-category').selectOption(E.CATEGORY);
  await b.getByTestId('case-priority').selectOption('high');
  await b.getByTestId('case-subject').fill(subject);
  await b.getByTestId('case-description').fill('La cliente conteste le montant facturé.');
  check((await unlabelled(b)).length === 0, `B: every wrap-up control has a name: ${await unlabelled(b)}`);
  await inLanguage(b, 'fr', 'desk-b-wrapup-fr');
  await inLanguage(b, 'ar', 'desk-b-wrapup-ar');
  await inLanguage(b, 'fr', 'desk-b-wrapup-fr');
  await b.getByTestId('wrapup-submit').click();
  const caseView = b.getByTestId('case-view');
  await caseView.waitFor({ timeout: LONG });
  const reference = await caseView.getAttribute('data-reference');
  check(reference, 'the new case is shown');
  await eventually(async () => (await stateOf(b)) !== 'wrap_up', 'B leaves wrap-up', LONG);
  await eventually(async () => (await b.getByTestId('case-history').count()) === 1, 'the case and its history are shown');
  await shot(b, 'desk-b-case-fr');
  fs.writeFileSync(path.join(OUT_DIR, 'result.json'), JSON.stringify({ reference, subject, note }));
});
