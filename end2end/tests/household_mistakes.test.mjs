// A household's mistakes on a phone with JavaScript: a refusal about the whole form says only
// what to do instead, bad fields are marked and tied to their messages, focus moves to what
// went wrong, and a failed look-up keeps the typed tracking number.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, launch, newPage, hydrated, uniqueIdNumber, uniqueMobile, fillReport, fileReport,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const FIX_FIELDS = '这些地方要改一下';
const MARKED_RED = '请检查标红的内容';
const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

test('report: the daily limit shows only its own words; bad fields are marked and focus moves to the summary', async () => {
  const page = await newPage(browser);
  await page.goto(`${BASE_URL}/report`);
  await hydrated(page);
  const mobile = uniqueMobile();
  await fillReport(page, { name: `超限${Date.now() % 100000}`, mobile, id: uniqueIdNumber() });
  // The server's own answer for a mobile over its daily limit (filing five times for real
  // would spend the address's limit the other journeys share).
  const limit = '这个手机号今天在网上提交的申报已达上限，您填写的内容已保留。如有困难，请拨打12317热线，或到村委会当面反映。';
  await page.route('**/api/reports/submit', (route) => route.fulfill({
    status: 422,
    contentType: 'application/json',
    body: JSON.stringify({ Validation: [{ field: 'form', key: 'report.limit_per_mobile', message: limit }] }),
  }));
  await page.getByRole('button', { name: '提交申报' }).click();
  await page.getByText(limit).waitFor();
  const summary = page.locator('#form-summary');
  assert.equal(await summary.innerText(), limit, 'only the refusal, no "check the fields" banner');
  assert.equal(await page.getByText(MARKED_RED).count(), 0);
  assert.equal(await page.getByText(FIX_FIELDS).count(), 0);
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0, 'no field is marked');
  assert.equal(await focusedId(page), 'form-summary', 'focus on the refusal');
  await page.unroute('**/api/reports/submit');

  // A real mistake: the banner asks to fix the fields, the bad ones are marked.
  await page.getByLabel('手机号码').fill('1380013');
  await page.getByRole('checkbox', { name: /承诺授权/ }).uncheck();
  await page.locator('#f-name').focus();
  await page.getByRole('button', { name: '提交申报' }).click();
  await page.getByText(FIX_FIELDS).waitFor();
  assert.equal(await page.getByText(limit).count(), 0, 'the earlier refusal is gone');
  assert.equal(await focusedId(page), 'form-summary', 'focus on the summary');
  const mobileField = page.locator('#f-mobile');
  assert.equal(await mobileField.getAttribute('aria-invalid'), 'true');
  assert.equal(await mobileField.getAttribute('aria-describedby'), 'e-mobile');
  assert.notEqual(await page.locator('#e-mobile').innerText(), '');
  assert.equal(await page.locator('#f-name').getAttribute('aria-invalid'), null, 'a good field is not marked');
  assert.equal(await page.getByRole('checkbox', { name: /承诺授权/ }).getAttribute('aria-invalid'), 'true');
  // The summary names them, in the form's order.
  assert.match(await summary.innerText(), /这些地方要改一下：手机号码、承诺授权；/);
  // Fixing a field unmarks it, and takes it off the summary.
  await mobileField.fill(mobile);
  assert.equal(await mobileField.getAttribute('aria-invalid'), null);
  assert.match(await summary.innerText(), /这些地方要改一下：承诺授权；/);
  await page.getByRole('checkbox', { name: /承诺授权/ }).check();
  assert.match(await summary.innerText(), /标出的地方都改好了/);
  await page.context().close();
});

test('track: a failed look-up keeps the tracking number and puts each problem under its field', async () => {
  const page = await newPage(browser);
  const mobile = uniqueMobile();
  const tracking = await fileReport(page, `查询${Date.now() % 100000}`, { mobile });
  await page.goto(`${BASE_URL}/track`);
  // Typed as many do, in lower case (the helper's number comes without dashes).
  await page.getByLabel('查询码').fill(tracking.toLowerCase());
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await page.waitForURL(/\/track\?e=/);
  assert.ok(!page.url().includes(mobile), page.url());
  const shown = `${tracking.slice(0, 4)}-${tracking.slice(4, 8)}-${tracking.slice(8)}`;
  assert.equal(await page.getByLabel('查询码').inputValue(), shown, 'kept, grouped as the result prints it');
  const mobileField = page.getByLabel('申报时填写的手机号码');
  assert.equal(await mobileField.getAttribute('aria-invalid'), 'true');
  assert.equal(await mobileField.getAttribute('aria-describedby'), 'e-mobile');
  assert.notEqual(await page.locator('#e-mobile').innerText(), '', 'the problem is under the mobile');
  assert.equal(await focusedId(page), 't-mobile', 'focus on the field to fix');

  // A wrong mobile: "not found", about the whole form, naming neither field.
  await mobileField.fill('13900139000');
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await page.waitForURL(/e=not_found/);
  assert.ok(!page.url().includes('13900139000'), page.url());
  assert.equal(await page.getByLabel('查询码').inputValue(), shown);
  // The mobile comes back too, to see which digit is wrong (an empty box hid it: tester).
  assert.equal(await mobileField.inputValue(), '13900139000', 'kept to be corrected');
  await page.getByText('没有找到').waitFor();
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
  assert.equal(await focusedId(page), 'track-problem');

  // Only the mobile is typed again.
  await mobileField.fill(mobile);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await page.getByText('已提交，等待乡镇受理').waitFor();
  await page.context().close();
});

test('report: a form too large to receive says what to shorten and whom to call, with JavaScript too', async () => {
  const page = await newPage(browser);
  await page.goto(`${BASE_URL}/report`);
  await hydrated(page);
  await fillReport(page, { name: `过长${Date.now() % 100000}`, mobile: uniqueMobile(), id: uniqueIdNumber() });
  // Past any limit a description could reach by typing: pasted from somewhere.
  await page.getByLabel('简单说说情况').evaluate((area) => { area.value = '很长的说明'.repeat(40000); });
  await page.getByRole('button', { name: '提交申报' }).click();
  const summary = page.locator('#form-summary');
  await summary.getByText('把情况说明写短一些').waitFor();
  assert.match(await summary.innerText(), /12317/, 'names the hotline');
  assert.equal(await page.getByText('此操作不符合办理规则').count(), 0, 'not the generic refusal');
  await page.context().close();
});
