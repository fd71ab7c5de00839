// The dashboard in a real browser: Debian's headless Chromium, driven by playwright-core.
//
// Needs a running `dyad serve` over a store of the example articles (`.ci/browser-test` sets
// that up): DYAD_URL is its base URL (loopback only), SCREENSHOT_DIR where screenshots go.
// Expected numbers come from the JSON API of the same server, so the test checks that the
// pages show the store's numbers; one fact of the examples is pinned (Mali expelled the
// French ambassador in the week of 2026-02-09).
//
// The browser may reach the server only: any other request is blocked and fails the test,
// which is what "works offline" means for the page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = (process.env.DYAD_URL || '').replace(/\/$/, '');
const SHOTS = process.env.SCREENSHOT_DIR || join(process.cwd(), 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const url = new URL(BASE || 'http://invalid');
if (!BASE || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
  throw new Error(`DYAD_URL must be a loopback URL, got '${BASE}'`);
}

let context;
let profile;
const offsite = [];
const pageErrors = [];

async function api(path) {
  const r = await fetch(BASE + path);
  assert.equal(r.status, 200, `${path}: HTTP ${r.status}`);
  return r.json();
}

// "−4.50" as the pages write signed numbers.
function signed(x, places) {
  const s = Math.abs(x).toFixed(places);
  return x < 0 && /[1-9]/.test(s) ? '\u2212' + s : s;
}

async function open(path) {
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${path}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`${path}: console: ${m.text()}`);
  });
  const response = await page.goto(BASE + path, { waitUntil: 'load' });
  assert.equal(response.status(), 200, `${path}: HTTP ${response.status()}`);
  return page;
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), 'dyad-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith(BASE + '/')) return route.continue();
    offsite.push(target);
    return route.abort();
  });
});

after(async () => {
  if (context) await context.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('the overview shows the store counts, the volume chart and the top dyads', async () => {
  const summary = await api('/api/summary');
  const dyads = await api('/api/dyads?limit=10');
  const page = await open('/');
  assert.equal(await page.textContent('#n-events'), String(summary.counts.events));
  assert.equal(await page.textContent('#n-articles'), String(summary.counts.articles));
  await page.waitForSelector('#chart-volume canvas');
  const points = await page.evaluate(() => window.dyadCharts['chart-volume'].data[0].length);
  assert.ok(points > 0, 'the volume chart has points');
  const rows = await page.$$eval('#top-dyads tbody tr', (trs) =>
    trs.map((tr) => Array.from(tr.cells, (td) => td.textContent.trim())));
  assert.equal(rows.length, dyads.items.length);
  assert.equal(rows[0][0], `${dyads.items[0].source} \u2192 ${dyads.items[0].target}`);
  assert.equal(rows[0][1], String(dyads.items[0].events));
  // Clicking the first point lists that period's events.
  await clickPoint(page, 'chart-volume', 0, 5);
  await page.waitForSelector('#evidence .evidence-list li');
  await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: true });
  await page.close();
});

// Moves to and clicks the point `index` of series `series` of a chart.
async function clickPoint(page, chartId, index, series) {
  const at = await page.evaluate(([id, i, s]) => {
    const u = window.dyadCharts[id];
    const box = u.over.getBoundingClientRect();
    return {
      x: box.left + u.valToPos(u.data[0][i], 'x'),
      y: box.top + u.valToPos(u.data[s][i] ?? 0, 'y'),
    };
  }, [chartId, index, series]);
  await page.mouse.move(at.x, at.y);
  await page.mouse.click(at.x, at.y);
}

test('the dyad page charts each week and lists the events behind a clicked point', async () => {
  const series = await api('/api/series?a=MLI&b=FRA&by=week');
  const forward = series.rows.filter((r) => r.source === 'MLI');
  const week = forward.find((r) => r.period === '2026-02-09');
  assert.ok(week, 'the examples have MLI → FRA events in the week of 2026-02-09');
  const total = forward.reduce((n, r) => n + r.events, 0);
  const goldstein = forward.reduce((g, r) => g + r.goldstein_mean * r.events, 0) / total;

  const page = await open('/dyad/MLI/FRA');
  for (const id of ['chart-ab', 'chart-ba', 'chart-goldstein']) {
    await page.waitForSelector(`#${id} canvas`);
  }
  assert.equal(await page.textContent('#n-ab'), String(total));
  assert.equal(await page.textContent('#g-ab'), signed(goldstein, 2));

  // The table row of the week: per quad class, events, mean Goldstein (MLI → FRA side).
  const cells = await page.$$eval('#series-table tr[data-period="2026-02-09"] td', (tds) =>
    tds.map((td) => td.textContent.trim()));
  assert.deepEqual(cells.slice(1, 7), [
    String(week.verbal_cooperation),
    String(week.material_cooperation),
    String(week.verbal_conflict),
    String(week.material_conflict),
    String(week.events),
    signed(week.goldstein_mean, 2),
  ]);

  // The chart holds the same numbers, and a click on the week's point lists its events.
  const index = await page.evaluate(() =>
    JSON.parse(document.getElementById('charts').textContent)
      .charts.find((c) => c.id === 'chart-ab').periods.indexOf('2026-02-09'));
  assert.ok(index >= 0);
  const plotted = await page.evaluate((i) => {
    const u = window.dyadCharts['chart-ab'];
    return [1, 2, 3, 4].map((s) => u.data[s][i]);
  }, index);
  assert.deepEqual(plotted, [
    week.verbal_cooperation, week.material_cooperation,
    week.verbal_conflict, week.material_conflict,
  ]);
  await clickPoint(page, 'chart-ab', index, 4);
  await page.waitForSelector('#evidence .evidence-list li');
  assert.equal(await page.textContent('#evidence-count'), String(week.events));
  const items = await page.$$eval('#evidence .evidence-list li', (lis) => lis.map((li) => ({
    sentence: li.querySelector('blockquote').textContent,
    source: li.querySelector('mark.source')?.textContent,
    trigger: li.querySelector('mark.trigger')?.textContent,
    target: li.querySelector('mark.target')?.textContent,
    goldstein: Number(li.dataset.goldstein),
    from: li.dataset.source,
    to: li.dataset.target,
  })));
  assert.equal(items.length, week.events);
  for (const item of items) {
    assert.ok(item.from.startsWith('MLI') && item.to.startsWith('FRA'), JSON.stringify(item));
    assert.ok(item.trigger, `the verb is marked: ${item.sentence}`);
  }
  const expelled = items.find((i) => /^expelled\b/.test(i.trigger));
  assert.ok(expelled, JSON.stringify(items));
  assert.equal(expelled.source, 'Mali');
  assert.match(expelled.sentence, /^Mali expelled the French ambassador/);
  const mean = items.reduce((g, i) => g + i.goldstein, 0) / items.length;
  assert.ok(Math.abs(mean - week.goldstein_mean) < 1e-9, 'the listed events make the mean');
  await page.screenshot({ path: join(SHOTS, 'dyad.png'), fullPage: true });
  await page.close();
});

test('the actor page counts events as source and target and lists stances by issue', async () => {
  const actor = await api('/api/actors/MLI');
  const page = await open('/actor/MLI');
  assert.equal(await page.textContent('#n-as-source'), String(actor.as_source));
  assert.equal(await page.textContent('#n-as-target'), String(actor.as_target));
  await page.waitForSelector('#chart-actor canvas');
  const issues = await page.$$eval('#issues tbody tr', (trs) => trs.length);
  assert.equal(issues, actor.issues.length);
  await page.screenshot({ path: join(SHOTS, 'actor.png'), fullPage: true });
  await page.close();
});

test('the divergence page shows both positions per issue with their evidence', async () => {
  const stances = await api('/api/stances?limit=500');
  const actors = [...new Set(stances.items.map((s) => s.actor))];
  assert.ok(actors.length >= 2, 'the examples have stances of two actors');
  // Two actors with a position on the same issue if there are (the examples have one), so
  // the page has a divergence to show.
  const byIssue = new Map();
  for (const s of stances.items) {
    const set = byIssue.get(s.issue) || new Set();
    set.add(s.actor);
    byIssue.set(s.issue, set);
  }
  const shared = [...byIssue.values()].find((set) => set.size >= 2);
  const [a, b] = shared ? [...shared] : actors;
  const report = await api(`/api/divergence?a=${a}&b=${b}`);
  const page = await open(`/divergence?a=${a}&b=${b}`);
  assert.equal(await page.textContent('#n-a-stances'), String(report.a_stances));
  assert.equal(await page.textContent('#n-b-stances'), String(report.b_stances));
  const rows = await page.$$eval('#positions tbody tr', (trs) => trs.length);
  assert.equal(rows, report.periods[0].issues.length);
  const listed = await page.$$eval('details.issue li.stance', (lis) => lis.length);
  assert.equal(listed, report.a_stances + report.b_stances);
  await page.screenshot({ path: join(SHOTS, 'divergence.png'), fullPage: true });
  await page.close();
});

test('the pages asked for nothing outside the server and raised no script errors', () => {
  assert.deepEqual(offsite, []);
  assert.deepEqual(pageErrors, []);
});
