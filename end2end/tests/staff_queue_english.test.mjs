// The staff queue in English: an officer switches language and every word of the page's chrome
// (headings, tabs, filters, buttons, labels of the work items) is English; only case data
// (names, places) stays as entered. A screenshot is kept for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BASE_URL, launch, newPage, loginAs, fileReport, assertNoCspViolation } from './helpers.mjs';

const DESKTOP = { width: 1280, height: 800 };
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Every text of `locator`, each one checked for Chinese characters. */
async function assertEnglish(locator, what) {
  const texts = (await locator.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  assert.ok(texts.length > 0, `${what}: nothing found`);
  for (const text of texts) assert.doesNotMatch(text, CJK, `${what}: ${text}`);
}

test('in English: a township officer reads the queue with English headings, tabs and buttons', async () => {
  const page = await newPage(browser, { viewport: DESKTOP });
  const name = `英文队列${Date.now() % 100000}`;
  await fileReport(page, name);
  await loginAs(page, 'zhen-qingshi');

  await page.getByRole('link', { name: 'English', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'To do' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');

  const tabs = page.locator('nav.tabs a');
  assert.deepEqual(
    (await tabs.allInnerTexts()).map((t) => t.replace(/\s*\d+$/, '').trim()),
    ['To do', 'Due soon', 'Overdue', 'All'],
  );
  await page.getByRole('button', { name: 'Filter' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByRole('searchbox', { name: 'Search' }).waitFor();

  await assertEnglish(page.locator('h1'), 'heading');
  await assertEnglish(page.locator('button'), 'buttons');
  await assertEnglish(page.locator('p.links a'), 'links');
  await assertEnglish(page.locator('details.queue-more summary'), 'the folded filters');
  await page.locator('details.queue-more summary').click();
  await assertEnglish(page.locator('label.queue-filter > span'), 'filter labels');
  // Every filter's choices but the villages (their names are data).
  await assertEnglish(page.locator('select:not([name="filter[village]"]) option'), 'filter choices');
  await assertEnglish(page.locator('select[name="filter[village]"] > option'), 'all villages');
  // The topbar, except the link back to Chinese, which names its language in Chinese.
  await assertEnglish(page.locator('header.topbar a:not([lang])'), 'topbar');

  // Searched by name: other journeys' filings can push it past the first page.
  await page.getByRole('searchbox', { name: 'Search' }).fill(name);
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/\/staff\?tab=todo&s=v1/);
  const item = page.locator('li.queue-item', { hasText: name });
  await item.waitFor();
  await assertEnglish(item.locator('.due'), 'time left');
  // Step · deadline · due date, and risks · channel: vocabulary, not data.
  await assertEnglish(item.locator('.queue-link > div').nth(1), 'step and deadline');
  await assertEnglish(item.locator('.queue-link > div').nth(3), 'risks and channel');
  assert.match(await item.innerText(), /Accept/);

  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}staff-queue-en.png` });
  assertNoCspViolation(page);
  await page.context().close();
});
