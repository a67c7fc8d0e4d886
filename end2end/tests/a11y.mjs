// Accessibility checks on every page a journey visits: axe-core at WCAG 2.1 A/AA, at phone and
// desktop size, and (household pages, the staff queue and case pages) text zoomed to 200% at 360 px
// without sideways scrolling.
//
// Each time a page loads, its DOM is copied and audited in a separate auditor page served the
// same HTML at the same address, so the journey itself is never resized or slowed down. The
// findings are collected and fail the journey when it closes its page (or calls `checkA11y`).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SIZES = [{ width: 360, height: 640 }, { width: 1280, height: 800 }];
const OFF = process.env.A11Y === '0';

/** Pages a household sees: everything but the staff pages (a staff form posted without
 * JavaScript answers at its own page's /staff address). */
const householdPage = (url) => !new URL(url).pathname.startsWith('/staff');
/** Staff pages whose data (names, places) is marked lang="zh-CN" in English (issue 13). The
 * case pages (/staff/cases/:id) too; their English is also checked by the API test case_english.rs. */
const MARKED_STAFF = ['/staff', '/staff/login', '/staff/inbox', '/staff/report', '/staff/audit', '/staff/keys',
  '/staff/admin', '/staff/settings', '/staff/dashboard', '/staff/alerts'];
const langChecked = (url) => householdPage(url) || MARKED_STAFF.includes(new URL(url).pathname)
  || new URL(url).pathname.startsWith('/staff/cases/');

/** Pages checked with text at 200% on a phone: the household's, and the queue and case pages a
 * village cadre works from on one (the case's deadline list was 410 px wide at 360: officer
 * tester; a queue row's masked ID number 399). */
const zoomChecked = (url) => householdPage(url) || new URL(url).pathname === '/staff'
  || new URL(url).pathname.startsWith('/staff/cases/');

/** One auditor context per browser, made on first use. It runs scripts (axe needs timers) but
 * the copied pages carry none: their own scripts are stripped, and no JS or WASM is fetched. */
const auditors = new WeakMap();
function auditor(browser) {
  if (!auditors.has(browser)) {
    auditors.set(browser, browser.newContext({ locale: 'zh-CN', ignoreHTTPSErrors: true }).then(async (context) => {
      await context.route(/\.(js|wasm)(\?.*)?$/, (route) => route.abort());
      return { context, queue: Promise.resolve() };
    }));
  }
  return auditors.get(browser);
}

const withoutScripts = (html) => html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');

/** Audits `html` (copied at `url`) at both sizes; returns one line per problem. */
async function audit(browser, url, html) {
  const { context } = await auditor(browser);
  const page = await context.newPage();
  const problems = [];
  try {
    await page.route((u) => u.href === url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: withoutScripts(html) }));
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(AXE_SOURCE);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const violations = await page.evaluate((tags) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
      }).then((r) => r.violations.map((v) => ({
        id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')),
      }))), TAGS);
      for (const v of violations) {
        problems.push(`${size.width}×${size.height} ${v.id}: ${v.help} — ${v.targets.slice(0, 6).join(', ')}`);
      }
    }
    // On a page in English, Chinese text (place and people's names) is marked as such, so a
    // screen reader reads it in Chinese.
    // Checked on household pages and the staff pages listed in MARKED_STAFF.
    const unmarked = !langChecked(url) ? [] : await page.evaluate(() => {
      if (!document.documentElement.lang.startsWith('en')) return [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const found = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.trim();
        if (!/[\u4e00-\u9fff]/.test(text)) continue;
        const within = node.parentElement.closest('[lang]');
        if (!within?.lang.startsWith('zh')) found.push(text.slice(0, 40));
      }
      for (const el of document.querySelectorAll('optgroup[label], [aria-label], [title]')) {
        const label = el.getAttribute('label') ?? el.getAttribute('aria-label') ?? el.getAttribute('title');
        if (/[\u4e00-\u9fff]/.test(label) && !el.closest('[lang]')?.lang.startsWith('zh')) found.push(label.slice(0, 40));
      }
      return found;
    });
    for (const text of unmarked) problems.push(`Chinese text without lang="zh-CN" on an English page: ${text}`);
    if (zoomChecked(url)) {
      await page.setViewportSize(SIZES[0]);
      const widths = await page.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
        const root = document.documentElement;
        // The innermost element sticking out, to say what to fix.
        const wide = [...document.body.querySelectorAll('*')]
          .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5).pop();
        const what = wide ? `${wide.tagName.toLowerCase()}.${wide.className} "${wide.textContent.trim().slice(0, 30)}"` : '';
        // A value beside its label had 2 to 4 characters a line (household tester): each stands
        // under its label, as wide as the list.
        const squeezed = [...document.querySelectorAll('dd')]
          .filter((dd) => dd.getBoundingClientRect().width < 0.8 * dd.parentElement.getBoundingClientRect().width)
          .map((dd) => dd.textContent.trim().slice(0, 20));
        // A phone number, a tracking number or a date is read (and copied down) on one line.
        const lines = (el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom))).size;
        };
        const split = [...document.querySelectorAll('a[href^="tel:"], .tracking, .whole')]
          .filter((el) => lines(el) > 1).map((el) => el.textContent.trim());
        // An ID number typed in its box is seen whole, to check against the card.
        const id = document.querySelector('#f-id');
        if (id?.value && id.scrollWidth > id.clientWidth + 1) split.push(`ID box: ${id.value}`);
        return { scroll: root.scrollWidth, client: root.clientWidth, what, squeezed, split };
      });
      if (widths.scroll > widths.client) {
        problems.push(`text at 200% scrolls sideways at 360 px: ${widths.scroll} > ${widths.client} (${widths.what})`);
      }
      for (const text of widths.squeezed) problems.push(`text at 200%: a value squeezed beside its label at 360 px: ${text}`);
      for (const text of widths.split) problems.push(`text at 200%: split across lines at 360 px: ${text}`);
    }
  } finally {
    await page.close();
  }
  return problems.map((p) => `${new URL(url).pathname}${new URL(url).search}: ${p}`);
}

/** An audit that hangs fails the journey instead of stalling the suite. */
function withTimeout(promise, url) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`axe did not finish on ${url} within 60 s`)), 60000);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Queues an audit of what `page` shows now. Audits run one at a time per auditor. */
async function snapshot(page) {
  let html;
  try {
    html = await page.content();
  } catch {
    return; // the page navigated on at once; its next load is audited instead
  }
  const url = page.url().split('#')[0];
  if (!url.startsWith('http')) return;
  const browser = page.context().browser();
  const entry = await auditor(browser);
  const run = entry.queue.then(() => withTimeout(audit(browser, url, html), url));
  entry.queue = run.catch(() => {});
  page.a11yAudits.push(run.then((problems) => page.a11yProblems.push(...problems)));
}

/** Audits every page `page` loads from now on; `checkA11y` or closing the page reports. */
export function watchA11y(page) {
  page.a11yAudits = [];
  page.a11yProblems = [];
  if (OFF) return;
  page.on('load', () => { page.a11yAudits.push(snapshot(page)); });
  // Closing the page (or its context) first waits for its audits, then fails on any problem.
  for (const [owner, name] of [[page, 'close'], [page.context(), 'close']]) {
    const close = owner[name].bind(owner);
    owner[name] = async (...args) => {
      const failure = await settle(page).catch((e) => e);
      await close(...args);
      if (failure) throw failure;
    };
  }
}

async function settle(page) {
  while (page.a11yAudits.length > 0) {
    const pending = page.a11yAudits.splice(0);
    await Promise.all(pending);
  }
  const problems = page.a11yProblems.splice(0);
  assert.deepEqual(problems, [], `accessibility problems:\n${problems.join('\n')}`);
}

/** Audits what the page shows now (e.g. errors drawn in the browser) and fails on any problem
 * found so far. */
export async function checkA11y(page) {
  if (OFF) return;
  await snapshot(page);
  await settle(page);
}
