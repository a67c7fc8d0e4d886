// Shared set-up: Debian's Chromium driven by playwright-core (no browser downloads).
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { watchA11y } from './a11y.mjs';

export { checkA11y } from './a11y.mjs';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
export const PASSWORD = 'demo-2026';
export const PHONE = { width: 360, height: 640 };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** What a script or a test posting directly sends, as a browser would: our own origin (the
 * server refuses state-changing requests from anywhere else). */
export const SAME_ORIGIN = { origin: BASE_URL };

export async function newPage(browser, { javaScriptEnabled = true, viewport = PHONE } = {}) {
  // Behind nginx (end2end/proxy) the certificate is self-signed.
  const context = await browser.newContext({
    javaScriptEnabled, viewport, locale: 'zh-CN', ignoreHTTPSErrors: BASE_URL.startsWith('https:'),
  });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  // Chromium reports every Content-Security-Policy violation on the console.
  page.cspViolations = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) page.cspViolations.push(message.text());
    // A page whose server HTML and WASM disagree still half-works, so only the console says so.
    if (/hydration error|panicked at/i.test(message.text())) page.scriptErrors.push(message.text());
  });
  page.scriptErrors = [];
  page.on('pageerror', (error) => page.scriptErrors.push(String(error)));
  // axe-core on every page this page loads (see a11y.mjs).
  watchA11y(page);
  return page;
}

/** The page broke no rule of the Content-Security-Policy so far. */
export function assertNoCspViolation(page) {
  assert.deepEqual(page.cspViolations ?? [], [], 'CSP violations on the console');
}

/** No script on the page failed so far: no hydration mismatch, no panic, no uncaught error. */
export function assertNoScriptError(page) {
  assert.deepEqual((page.scriptErrors ?? []).map((e) => e.slice(0, 400)), [], 'script errors');
}

/** Waits until the WASM app has taken over the server-rendered page, under the CSP, and
 * without a script error. */
export async function hydrated(page) {
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 60000 })
    .catch((e) => { assertNoScriptError(page); assertNoCspViolation(page); throw e; });
  assertNoCspViolation(page);
  assertNoScriptError(page);
}

/** A valid 18-digit ID number (GB 11643 check digit) that differs per serial and birth date. */
export function idNumber(serial, birth = '19850201') {
  const first17 = `522727${birth}${String(serial % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** An ID number no other test files (a random birth date and serial), so filings made by
 * different journeys are never taken for the same household. */
export function uniqueIdNumber() {
  const day = new Date(Date.UTC(1950, 0, 1) + Math.floor(Math.random() * 18000) * 86400000);
  const birth = day.toISOString().slice(0, 10).replaceAll('-', '');
  return idNumber(Math.floor(Math.random() * 1000), birth);
}

export function uniqueMobile() {
  const n = Math.floor(Math.random() * 1e8).toString().padStart(8, '0');
  return `139${n}`;
}

export async function fillReport(page, { name, mobile, id, village = '522799101201', consent = true }) {
  await page.getByLabel('申请人姓名').fill(name);
  await page.getByLabel('手机号码').fill(mobile);
  await page.getByLabel('身份证号码').fill(id);
  await page.getByLabel('所在乡镇和村').selectOption(village);
  await page.getByLabel('家庭人口数').fill('3');
  await page.getByRole('checkbox', { name: '因病' }).check();
  await page.getByRole('checkbox', { name: '因务工就业不稳' }).check();
  await page.getByLabel('简单说说情况').fill('丈夫生病住院，家里没有收入');
  if (consent) await page.getByRole('checkbox', { name: /承诺授权/ }).check();
}

export async function loginAs(page, username) {
  await page.goto(`${BASE_URL}/staff/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${BASE_URL}/staff`);
}

/** Files a self-report over HTTP, as the hydrated form would; returns its tracking number. */
export async function fileReport(page, name, { mobile = uniqueMobile(), id = uniqueIdNumber() } = {}) {
  const form = {
    'form[name]': name,
    'form[mobile]': mobile,
    'form[id_number]': id,
    'form[village]': '522799101201',
    'form[household_size]': '3',
    'form[risk_types][0]': 'illness',
    'form[description]': '家中老人重病住院',
    'form[consent]': 'on',
  };
  const response = await page.request.post(`${BASE_URL}/api/reports/submit`, {
    form, headers: { accept: 'application/json', ...SAME_ORIGIN },
  });
  assert.equal(response.status(), 200, await response.text());
  return response.json();
}

/** Opens a case from the officer's queue (all tab), as they would in the morning. */
export async function openCase(page, username, name, viewport) {
  if (viewport) await page.setViewportSize(viewport);
  await loginAs(page, username);
  // Searched by name in the search box: the journeys' own filings push a case past the first
  // page of 50. The search posts, and the address carries it sealed, not as typed.
  await page.goto(`${BASE_URL}/staff?tab=all`);
  await page.getByRole('searchbox', { name: '搜索' }).fill(name);
  await page.getByRole('button', { name: '筛选' }).click();
  await page.waitForURL(/\/staff\?tab=all&s=v1/);
  assert.ok(!decodeURIComponent(page.url()).includes(name), `typed into the address: ${page.url()}`);
  await page.getByRole('link', { name: new RegExp(name) }).first().click();
  await page.getByRole('heading', { name: new RegExp(name) }).waitFor();
  await hydrated(page);
}

/** Takes the case step labelled `label`, filling its form with `fill` first. */
export async function step(page, label, fill = async () => {}) {
  const details = page.locator('details.step', { has: page.locator('summary', { hasText: label }) }).first();
  await details.locator('summary').click().catch(() => {});
  await details.evaluate((d) => { d.open = true; });
  await fill(details);
  // A step is a plain form post (the case page's only island is the ID reveal): the server
  // answers with a redirect back to the case page, which loads afresh.
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    details.getByRole('button', { name: `提交：${label}` }).click(),
  ]);
  const error = await details.locator('.banner.error').count();
  if (error > 0) {
    assert.fail(`${label}: ${await details.locator('.banner.error').first().innerText()}`);
  }
}
