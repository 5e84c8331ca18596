// The reports page after real calls, as the tenant's supervisor: the charts and the table show the figures the
// API gives (GET /api/v1/tenants/t1/reports/kpis), the downloads work, and in Arabic the page is right to left
// while the charts' time axis stays left to right, with translated labels.
// Env: SUPERVISOR, PASSWORD, API_TOKEN, CALLS (calls made), ANSWERED (answered among them).
'use strict';
const fs = require('fs');
const { BASE_URL, openDesk, check, eventually, rest, run, shot } = require('./browser.cjs');

const near = (a, b) => Math.abs(Number(a) - Number(b)) < 1e-6;

async function values(page, testid) {
  return page.getByTestId(testid).evaluateAll((els) =>
    els.map((e) => ({ index: Number(e.getAttribute('data-index')), value: Number(e.getAttribute('data-value')) })));
}

run(async () => {
  const { page } = await openDesk('reports');
  await page.goto(BASE_URL + '/');
  await page.getByTestId('login-user').fill(process.env.SUPERVISOR);
  await page.getByTestId('login-password').fill(process.env.PASSWORD);
  await page.getByTestId('login-password').press('Enter');
  await page.getByTestId('page-wallboard').waitFor();
  await page.goto(BASE_URL + '/#/reports');
  await page.getByTestId('chart-volume').waitFor();
  await page.getByTestId('reports-table').waitFor();

  // The same query as the page: its period, 30-minute intervals, the tenant's figures, 20 s.
  const from = await page.getByTestId('reports-from').inputValue();
  const to = await page.getByTestId('reports-to').inputValue();
  const api = await rest('GET', `/api/v1/tenants/t1/reports/kpis?from=${from}&to=${to}&interval=30m&by=tenant&sl=20`,
                         undefined, process.env.API_TOKEN);
  check(api.status === 200, `the KPI API answers: ${api.status} ${JSON.stringify(api.data)}`);
  const report = api.data;
  check(report.total.offered === Number(process.env.CALLS) && report.total.answered === Number(process.env.ANSWERED),
        `the API counts the calls made: ${JSON.stringify(report.total)}`);
  const rows = report.rows;
  check(rows.length > 0, 'the report has intervals');

  // Offered vs answered: one bar per interval and series, at the API's figures.
  for (const key of ['offered', 'answered', 'abandoned']) {
    const bars = await values(page, `chart-volume-${key}`);
    check(bars.length === rows.length, `${key}: ${bars.length} bars for ${rows.length} intervals`);
    for (const b of bars) check(b.value === rows[b.index][key], `${key} of ${rows[b.index].start}: ${b.value} vs ${rows[b.index][key]}`);
  }
  // Service level: a point per interval with a figure, and the target line at 80 %.
  const points = await values(page, 'chart-sl-sl');
  const withSl = rows.filter((r) => r.sl_answered !== null);
  check(points.length === withSl.length, `SL points: ${points.length} for ${withSl.length} intervals with answered calls`);
  for (const p of points) check(near(p.value, rows[p.index].sl_answered), `SL of ${rows[p.index].start}: ${p.value}`);
  const target = await page.getByTestId('chart-sl-target').getAttribute('data-value');
  check(near(target, 0.8), `the target line is at 80 %: ${target}`);
  // Agents by state: the average number of agents (state seconds over the 30 minutes).
  for (const state of ['ready', 'busy', 'not_ready']) {
    const bars = await values(page, `chart-agents-${state}`);
    check(bars.length === rows.length, `agents ${state}: ${bars.length} bars`);
    for (const b of bars) {
      const want = ((rows[b.index].state_s || {})[state] || 0) / 1800;
      check(near(b.value, want), `agents ${state} at ${rows[b.index].start}: ${b.value} vs ${want}`);
    }
  }
  const busy = (await values(page, 'chart-agents-busy')).reduce((a, b) => a + b.value, 0);
  check(busy > 0, 'the agent who answered was busy some of the time');

  // The table: a row per interval, the same figures, and the total.
  const table = await page.getByTestId('reports-row').evaluateAll((trs) =>
    trs.map((tr) => Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.key, td.dataset.value]))));
  check(table.length === rows.length, `table rows: ${table.length} vs ${rows.length}`);
  table.forEach((r, i) => {
    for (const key of ['offered', 'answered', 'answered_within', 'abandoned']) check(Number(r[key]) === rows[i][key], `table ${key} row ${i}`);
    check(r.sl === (rows[i].sl_answered === null ? '' : String(rows[i].sl_answered)), `table SL row ${i}: ${r.sl}`);
  });
  const total = await page.getByTestId('reports-total').evaluate((tr) =>
    Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.key, td.dataset.value])));
  check(Number(total.offered) === report.total.offered && Number(total.answered) === report.total.answered,
        `the total row: ${JSON.stringify(total)}`);
  await shot(page, 'reports-fr');

  // Downloads: the CSV for Excel of the KPIs and the CDR workbook.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-excel').click()]);
  const csvText = fs.readFileSync(await csv.path(), 'utf8');
  check(csvText.startsWith('\ufeff') && csvText.includes(';'), `the Excel CSV: ${csvText.slice(0, 80)}`);
  const [cdr] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-cdr').click()]);
  check(fs.readFileSync(await cdr.path()).subarray(0, 2).toString() === 'PK', 'the CDR workbook is a zip');
  check(cdr.suggestedFilename() === `cdr-t1-${from}.xlsx` || cdr.suggestedFilename() === `cdr-t1-${from}_${to}.xlsx`,
        `the CDR file name: ${cdr.suggestedFilename()}`);

  // Arabic: the page is right to left, the charts' time axis left to right, their titles translated.
  await page.getByTestId('lang-select').selectOption('ar');
  await eventually(async () => (await page.evaluate(() => document.documentElement.dir)) === 'rtl', 'the page turns RTL');
  const svgDir = await page.locator('[data-testid="chart-volume"] svg').evaluate((e) => getComputedStyle(e).direction);
  check(svgDir === 'ltr', `the chart stays left to right: ${svgDir}`);
  const title = await page.locator('[data-testid="chart-volume"] .chart-title').textContent();
  check(title === 'المكالمات المعروضة والمجابة', `the chart title in Arabic: ${title}`);
  const first = await page.getByTestId('chart-volume-offered').first().boundingBox();
  const last = await page.getByTestId('chart-volume-offered').last().boundingBox();
  check(rows.length < 2 || first.x < last.x, `time runs left to right in Arabic: ${first.x} < ${last.x}`);
  await shot(page, 'reports-ar');
});
