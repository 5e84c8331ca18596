// The browser side of the desktop tests: Debian's chromium driven by playwright-core (from web/node_modules),
// headless, in a new empty profile; never a browser download. Each test script is a node program that
// pytest runs (tests/web/test_*.py) with its parameters in the environment:
//   BASE_URL  http://127.0.0.1:<port> of the Plateau under test
//   OUT_DIR   where screenshots and the page's console go (artefacts)
//   and what the script needs besides (tokens, logins...).
// A script exits 0 when every check passed; otherwise it prints the failed check and exits 1.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');
const { chromium } = require(path.join(REPO, 'web', 'node_modules', 'playwright-core'));

const CHROMIUM = process.env.PLATEAU_CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const BASE_URL = process.env.BASE_URL;
const OUT_DIR = process.env.OUT_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'plateau-web-'));
fs.mkdirSync(OUT_DIR, { recursive: true });

const contexts = [];

// A fresh browser profile (its own user-data-dir) with one page of 1366x768, the screen the desktop is made for.
async function openDesk(label) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), `plateau-chromium-${label}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1366, height: 768 },
    locale: 'fr-FR',
  });
  contexts.push({ context, profile });
  const page = context.pages()[0] || (await context.newPage());
  const log = fs.createWriteStream(path.join(OUT_DIR, `${label}.console.log`));
  page.on('console', (m) => log.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => log.write(`[pageerror] ${e.stack || e}\n`));
  page.setDefaultTimeout(Number(process.env.PLATEAU_WEB_TIMEOUT_MS || 10000));
  return { context, page };
}

// The desk of an already signed-in session: the session is put in sessionStorage before the page loads.
async function seedSession(page, session) {
  await page.addInitScript((s) => {
    if (!sessionStorage.getItem('plateau.session')) sessionStorage.setItem('plateau.session', JSON.stringify(s));
  }, session);
}

async function closeAll() {
  for (const { context, profile } of contexts.splice(0)) {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

class CheckFailed extends Error {}

function check(cond, message) {
  if (!cond) throw new CheckFailed(message);
}

// Polls `f` until it returns a truthy value (or throws after timeoutMs), for state that arrives over the network.
async function eventually(f, message, timeoutMs = 10000) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await f();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new CheckFailed(`${message} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The form controls of the page that have no accessible name (no <label>, aria-label or text): [] when all do.
async function unlabelled(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea, button')]
      .filter((el) => !el.closest('[hidden]') && el.offsetParent !== null)
      .filter((el) => {
        const named = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
        return !named && !(el.tagName === 'BUTTON' && el.textContent.trim());
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

async function shot(page, name) {
  const file = path.join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

// A small REST client for what the test does outside the page (Bearer token).
async function rest(method, urlPath, body, token) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(BASE_URL + urlPath, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  return { status: res.status, data };
}

// Runs the script's main and turns its outcome into the exit code.
function run(main) {
  main()
    .then(async () => {
      await closeAll();
      console.log('all checks passed');
      process.exit(0);
    })
    .catch(async (e) => {
      console.error(e instanceof CheckFailed ? `check failed: ${e.message}` : e && e.stack ? e.stack : String(e));
      for (const { context } of contexts) {
        for (const [i, p] of context.pages().entries()) {
          await p.screenshot({ path: path.join(OUT_DIR, `failure-${i}.png`) }).catch(() => {});
        }
      }
      await closeAll();
      process.exit(1);
    });
}

module.exports = { BASE_URL, OUT_DIR, openDesk, seedSession, check, eventually, shot, unlabelled, rest, run };
