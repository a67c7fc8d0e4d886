// Nothing typed is lost on a dropped network: the report form keeps a draft in the browser,
// brings it back after a reload, says plainly that it was not sent, and sends it once (same
// idempotency key) when the network is back. A shared staff device keeps no draft past sign-out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, launch, newPage, hydrated, fillReport, loginAs, uniqueIdNumber, uniqueMobile,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// The tab's storage: a shared phone keeps no ID number once the tab is closed.
const stored = (page, key) => page.evaluate((k) => sessionStorage.getItem(k), key);

test('a household report survives a reload and a dropped network, and files once', async () => {
  const page = await newPage(browser);
  const context = page.context();
  await page.goto(`${BASE_URL}/report`);
  await hydrated(page);
  const name = `离线${Date.now() % 100000}`;
  const mobile = uniqueMobile();
  await fillReport(page, { name, mobile, id: uniqueIdNumber() });

  // A reload brings every field back and says the report is not sent yet.
  await page.reload();
  await hydrated(page);
  const status = page.getByTestId('draft-status');
  await status.waitFor();
  assert.match(await status.innerText(), /还没有提交/);
  assert.equal(await page.getByLabel('申请人姓名').inputValue(), name);
  assert.equal(await page.getByLabel('所在乡镇和村').inputValue(), '522799101201');
  assert.ok(await page.getByRole('checkbox', { name: '因病' }).isChecked());
  assert.ok(!(await page.getByRole('checkbox', { name: '因残' }).isChecked()));
  assert.ok(await page.getByRole('checkbox', { name: /承诺授权/ }).isChecked());

  // The network drops mid-submit: the server files the report, but its answer never arrives.
  await page.route('**/api/reports/submit', async (route) => {
    await route.fetch();
    await context.setOffline(true);
    await route.abort('internetdisconnected');
  }, { times: 1 });
  await page.getByRole('button', { name: '提交申报' }).click();
  await status.filter({ hasText: '网络断了' }).waitFor();
  assert.match(await status.innerText(), /还没有提交/);
  // Said where send was pressed, at the foot of the long form: in view, not scrolled off
  // the top (tester).
  const box = await status.boundingBox();
  const height = page.viewportSize().height;
  assert.ok(box && box.y >= 0 && box.y + box.height <= height, `in view: ${JSON.stringify(box)}`);
  assert.equal(await page.locator('#form-summary .banner').count(), 0, 'one notice, not a second red one');
  assert.equal(new URL(page.url()).pathname, '/report');
  assert.ok(await stored(page, 'safety-net.draft.report'), 'the draft is kept');
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing outlives the tab');

  // Back online: sent again by itself, with the same key, and confirmed.
  await context.setOffline(false);
  await page.waitForURL(/\/report\/submitted\//);
  assert.equal(await stored(page, 'safety-net.draft.report'), null, 'a confirmed filing clears the draft');
  await page.goto(`${BASE_URL}/report`);
  await hydrated(page);
  assert.equal(await page.getByLabel('申请人姓名').inputValue(), '');
  assert.equal(await page.getByTestId('draft-status').count(), 0);
  await context.close();

  // Exactly one case was filed.
  const staff = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await loginAs(staff, 'zhen-qingshi');
  await staff.goto(`${BASE_URL}/staff?tab=all&q=${mobile}`);
  await staff.getByRole('heading', { name: '待办事项' }).waitFor();
  assert.equal(await staff.locator('li.queue-item', { hasText: name }).count(), 1);
  await staff.context().close();
});

test('a proxy draft belongs to the signed-in account and is gone after sign-out', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await loginAs(page, 'rexian');
  await page.goto(`${BASE_URL}/staff/report`);
  await hydrated(page);
  const name = `代报${Date.now() % 100000}`;
  await page.getByLabel('申请人姓名').fill(name);
  assert.match(await stored(page, 'safety-net.draft.proxy.rexian') ?? '', new RegExp(encodeURIComponent(name)));

  await page.reload();
  await hydrated(page);
  await page.getByTestId('draft-status').waitFor();
  assert.equal(await page.getByLabel('申请人姓名').inputValue(), name);

  // Signing out clears the browser's storage (Clear-Site-Data).
  await page.goto(`${BASE_URL}/staff`);
  await page.getByRole('button', { name: '退出' }).click();
  await page.waitForURL(`${BASE_URL}/staff/login`);
  assert.equal(await page.evaluate(() => sessionStorage.length + localStorage.length), 0);
  await loginAs(page, 'rexian');
  await page.goto(`${BASE_URL}/staff/report`);
  await hydrated(page);
  assert.equal(await page.getByLabel('申请人姓名').inputValue(), '');
  assert.equal(await page.getByTestId('draft-status').count(), 0);
  await page.context().close();
});
