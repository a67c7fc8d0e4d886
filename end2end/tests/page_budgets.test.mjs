// Bytes on the wire per page, first visit with an empty cache, as Chromium counts them (CDP
// `encodedDataLength`: headers and compressed bodies). A size check, not a timing.
//
// Pages without an island must load no JS and no WASM in any build. The totals of pages that
// carry WASM only hold for a release WASM (opt-level z, wasm-opt): set BUDGET_WASM=1 when the
// site under test was built with `cargo leptos build --release -P` (scripts/test.sh does);
// otherwise they are printed, not enforced.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, SAME_ORIGIN, launch, newPage, loginAs, uniqueIdNumber, uniqueMobile,
} from './helpers.mjs';

const KB = 1024;
// Issue 11's budget for /report is 100 KB. Measured on the release WASM at the islands switch:
// 211 KB; 216 KB after the session-4 merges. Islands posting their forms with fetch instead of
// ActionForm/server-function clients (no serde_qs, no type-erased form views) brought it to
// 153 KB (2026-11-30). Island props shaped for the WASM (options as server-written HTML, the
// form as strings), no BTreeMap, no gloo-net, wasm-opt --converge: 131.5 KB (branch trim2);
// 134.0 KB after the session-6 merges. No Leptos island props and no serde_json (values in a
// data- attribute, answers through JSON.parse), staff islands in their own bundle: 86.7 KB
// (WASM 75.2 KB, JS 5.2 KB; branch islands4, 2026-11-30). The ceiling was that + 1 KB: a
// guard against growth, under the target. 87.9 KB in session 34; 88.8 KB (WASM 76.3 KB) once
// the form's summary named the fields to fix and the style sheet kept numbers whole at 200%
// text (session 35, for households), so the ceiling was 89 KB. 89.1 KB (WASM 76.4 KB, JS
// 5.3 KB) once the page said a child's or a relative's mobile will do (household tester; the
// words are the server's, outside the island) and the style sheet gained the staff's folded
// forms (session 39), so the ceiling is 90 KB, still under the 100 KB target.
const REPORT_TARGET_KB = 100;
const REPORT_CEILING_KB = 90;
const ENFORCE_WASM = process.env.BUDGET_WASM === '1';
const DESKTOP = { width: 1280, height: 800 };
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Loads `path` with an empty cache; returns total bytes, WASM and JS bytes, and requests. */
async function measure(page, path) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map();
  const seen = { total: 0, wasm: 0, js: 0, requests: [] };
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    const url = urls.get(e.requestId) ?? '';
    seen.total += e.encodedDataLength;
    if (/\.wasm(\?|$)/.test(url)) seen.wasm += e.encodedDataLength;
    if (/\.js(\?|$)/.test(url)) seen.js += e.encodedDataLength;
    seen.requests.push(`${url.replace(BASE_URL, '')} ${e.encodedDataLength}`);
  });
  await page.goto(`${BASE_URL}${path}`, { waitUntil: 'networkidle' });
  await cdp.detach();
  console.log(`${path}: ${(seen.total / KB).toFixed(1)} KB (wasm ${(seen.wasm / KB).toFixed(1)} KB, js ${(seen.js / KB).toFixed(1)} KB)\n  ${seen.requests.join('\n  ')}`);
  return seen;
}

/** A filing made as the hydrated form makes it: its confirmation link and its look-up. */
async function fileOne(page) {
  const mobile = uniqueMobile();
  const response = await page.request.post(`${BASE_URL}/api/reports/submit`, {
    form: {
      'form[name]': `体积${Date.now() % 100000}`,
      'form[mobile]': mobile,
      'form[id_number]': uniqueIdNumber(),
      'form[village]': '522799101201',
      'form[household_size]': '3',
      'form[risk_types][0]': 'illness',
      'form[description]': '家中老人重病住院',
      'form[consent]': 'on',
    },
    headers: { accept: 'application/json', ...SAME_ORIGIN },
  });
  assert.equal(response.status(), 200, await response.text());
  const tracking = await response.json();
  const confirmation = response.headers().location;
  assert.ok(confirmation?.startsWith('/report/submitted/'), `confirmation link: ${confirmation}`);
  return { confirmation, track: `/track?tracking=${encodeURIComponent(tracking)}&mobile=${mobile}` };
}

function within(path, seen, budgetKb, { wasm = null } = {}) {
  if (wasm === 0) {
    assert.equal(seen.wasm, 0, `${path} loads no WASM`);
    assert.equal(seen.js, 0, `${path} loads no JS`);
  }
  assert.ok(seen.total <= budgetKb * KB,
    `${path}: ${(seen.total / KB).toFixed(1)} KB over its ${budgetKb} KB budget`);
}

for (const javaScriptEnabled of [true, false]) {
  test(`household pages without islands stay small, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
    const setup = await newPage(browser);
    const { confirmation, track } = await fileOne(setup);
    await setup.context().close();
    for (const [path, budget] of [
      ['/', 15], ['/track', 20], [track, 20], [confirmation, 15], ['/notice/522799101201', 15],
    ]) {
      const page = await newPage(browser, { javaScriptEnabled });
      within(path, await measure(page, path), budget, { wasm: 0 });
      await page.context().close();
    }
  });
}

test('pages with islands fetch no JS and no WASM when JavaScript is off', async () => {
  // No preload links: only the module script, which never runs, would fetch them.
  const page = await newPage(browser, { javaScriptEnabled: false });
  const report = await measure(page, '/report');
  assert.equal(report.wasm, 0, '/report with JavaScript off loads no WASM');
  assert.equal(report.js, 0, '/report with JavaScript off loads no JS');
  await page.context().close();

  const staff = await newPage(browser, { javaScriptEnabled: false, viewport: DESKTOP });
  await loginAs(staff, 'rexian');
  const proxy = await measure(staff, '/staff/report');
  assert.equal(proxy.wasm + proxy.js, 0, '/staff/report with JavaScript off loads no JS or WASM');
  await staff.context().close();
});

test('the report form and the staff queue carry their islands within budget', async () => {
  const page = await newPage(browser);
  const report = await measure(page, '/report');
  assert.ok(report.wasm > 0, '/report loads the islands');
  if (ENFORCE_WASM) {
    if (report.total > REPORT_TARGET_KB * KB) {
      console.log(`/report is over issue 11's ${REPORT_TARGET_KB} KB target`);
    }
    within('/report', report, REPORT_CEILING_KB);
  }
  await page.context().close();

  const staff = await newPage(browser, { viewport: DESKTOP });
  await loginAs(staff, 'zhen-qingshi');
  const queue = await measure(staff, '/staff');
  within('/staff', queue, 250, { wasm: 0 });
  const inbox = await measure(staff, '/staff/inbox');
  within('/staff/inbox', inbox, 250, { wasm: 0 });
  await staff.context().close();
});

/** The island names the JS glue of `path`'s bundle exports (one `export function X_…` each). */
async function islandsLoaded(page, path) {
  const bodies = [];
  page.on('response', (r) => { if (/\.js(\?|$)/.test(r.url())) bodies.push(r.text()); });
  await page.goto(`${BASE_URL}${path}`, { waitUntil: 'networkidle' });
  const glue = (await Promise.all(bodies)).join('\n');
  return [...glue.matchAll(/export function ([A-Z][A-Za-z]*)_/g)].map((m) => m[1]).sort();
}

test('no page a household opens downloads the staff islands', async () => {
  const page = await newPage(browser);
  assert.deepEqual(await islandsLoaded(page, '/report'), ['ReportFormView'],
    "/report's bundle holds the household's island only");
  await page.context().close();

  // Staff pages load their own bundle (pkg/staff/), with every island.
  const staff = await newPage(browser, { viewport: DESKTOP });
  await loginAs(staff, 'rexian');
  const islands = await islandsLoaded(staff, '/staff/report');
  for (const island of ['AlertImport', 'ProxyForm', 'RevealId']) {
    assert.ok(islands.includes(island), `the staff bundle has ${island}: ${islands}`);
  }
  await staff.context().close();
});
