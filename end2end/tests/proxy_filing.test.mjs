// A 12317 hotline operator files for a caller whose household already has a filing: the
// earlier filing shows while the ID number is typed, the new filing opens beside it, and the
// township must give a reason to accept it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, launch, newPage, loginAs, fileReport, fillReport, uniqueIdNumber, uniqueMobile,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a hotline operator files for a caller and the duplicate is caught before acceptance', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  const mobile = uniqueMobile();
  const id = uniqueIdNumber();
  const name = `来电${Date.now() % 100000}`;
  // Staff pages group it as the household's SMS does (ABCD-EFGH-JK).
  const earlier = (await fileReport(page, name, { mobile, id })).replace(/^(.{4})(.{4})(.{2})$/, '$1-$2-$3');

  await loginAs(page, 'rexian');
  await page.getByRole('link', { name: '代为申报' }).click();
  await page.getByRole('heading', { name: '代为申报' }).waitFor();
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 60000 });
  assert.equal(await page.getByLabel('申报渠道 *').inputValue(), 'proxy_hotline');
  await fillReport(page, { name, mobile, id });
  await page.getByLabel('家庭人口数').click(); // leaving the mobile field looks for earlier filings
  const warning = page.getByTestId('earlier-filings');
  await warning.waitFor();
  // The hotline may not open a household's own filing, so it is told it is there, never its
  // number (anyone can phone with an ID number); the caller gets it by 忘记查询码.
  const masked = `${earlier.slice(0, 4)}-****-**`;
  assert.ok((await warning.innerText()).includes(masked), await warning.innerText());
  assert.ok(!(await warning.innerText()).includes(earlier), 'the number is not shown whole');
  await page.getByTestId('masked-hint').waitFor();
  assert.match(await warning.innerText(), /\d{4}年\d{1,2}月\d{1,2}日/, 'dated as other pages date');
  // The list is below the whole form; a line in view while typing points to it (tester).
  const pointer = page.getByTestId('earlier-pointer');
  const box = await pointer.boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box && box.y >= 0 && box.y + box.height <= viewport.height, `the pointer is in view: ${JSON.stringify(box)}`);
  await page.getByRole('button', { name: '提交代为申报' }).click();

  // The new filing opens on its case page, beside the earlier one.
  await page.waitForURL(/\/staff\/cases\//);
  // The script to read back to the caller: the island followed the server's signed address
  // (an unsigned `?filed` shows none: officer re-tester).
  assert.match(page.url(), /\?filed=1&__sig=/);
  await page.getByTestId('caller-script').waitFor();
  const pair = page.getByTestId('duplicates');
  await pair.waitFor();
  assert.ok((await pair.innerText()).includes(masked), await pair.innerText());
  assert.match(await page.locator('section[aria-label="家庭情况"]').innerText(), /由孙坐席（12317热线）向申请人宣读并征得同意/);
  const caseUrl = page.url();

  // The township cannot simply accept it; with a reason it can, and the reason is kept.
  await loginAs(page, 'zhen-qingshi');
  await page.goto(caseUrl);
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 60000 });
  const accept = page.locator('details.step', { has: page.locator('summary', { hasText: /^受理$/ }) });
  await accept.evaluate((d) => { d.open = true; });
  await accept.getByRole('button', { name: '提交：受理' }).click();
  await accept.locator('.banner.error', { hasText: '疑似重复申报' }).waitFor();
  await accept.locator('textarea[name="form[duplicate_override]"]').fill('原申报为因病，本次来电为因灾房屋受损');
  await accept.getByRole('button', { name: '提交：受理' }).click();
  await page.locator('h1 .tag', { hasText: '待入户核查' }).waitFor();
  assert.match(await pair.innerText(), new RegExp(earlier), 'the township sees the number whole');
  assert.match(await pair.innerText(), /受理理由：原申报为因病/);
  await page.close();
});
