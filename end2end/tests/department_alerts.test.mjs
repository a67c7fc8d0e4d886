// A line department pastes its screening list copied from a spreadsheet, or chooses it as a
// file, and gets an answer per row; the township finds the filed alert in its queue.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { BASE_URL, launch, newPage, hydrated, loginAs, uniqueIdNumber, uniqueMobile } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a department imports its list and the township sees the alert', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await loginAs(page, 'bumen-minzheng');
  await page.getByRole('link', { name: '部门预警导入' }).click();
  await page.getByRole('heading', { name: '部门预警导入' }).waitFor();
  await hydrated(page);
  const name = `预警${Date.now() % 100000}`;
  const rows = [
    ['记录编号', '姓名', '手机号码', '身份证号码', '村代码', '家庭人口', '困难类型', '情况说明'],
    [`MZ-${Date.now()}`, name, uniqueMobile(), uniqueIdNumber(), '522799101201', '3', '因病、因残', '医保数据：自付医疗费超过3万元'],
    ['MZ-bad', '错误行', '123', uniqueIdNumber(), '522799101201', '2', '因病', '手机号码不完整'],
  ];
  await page.getByLabel('预警名单').fill(rows.map((r) => r.join('\t')).join('\n'));
  await page.getByRole('button', { name: '导入' }).click();
  const outcomes = page.getByTestId('alert-outcomes');
  await outcomes.waitFor();
  assert.match(await outcomes.innerText(), /已登记1条，未登记1条/);
  // The browser sent the list in batches and says how far it got.
  assert.match(await page.getByRole('status').filter({ hasText: '已处理' }).innerText(), /已处理 2 \/ 2 条/);
  // Each filing's number grouped, as a link to its case.
  const link = outcomes.getByRole('link', { name: /已登记 [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}/ });
  assert.match(await link.getAttribute('href'), /^\/staff\/cases\//);
  // The same list again: filed before, not counted as new (officer tester).
  await page.getByRole('button', { name: '导入' }).click();
  await outcomes.filter({ hasText: '之前已登记1条' }).waitFor();
  assert.match(await outcomes.innerText(), /新登记0条，之前已登记1条（这次没有重复登记）/);

  await loginAs(page, 'zhen-qingshi');
  const item = page.locator('li.queue-item', { hasText: name });
  await item.waitFor();
  assert.match(await item.innerText(), /部门筛查预警/);
  await page.close();
});

const HEADER = ['村代码', '记录编号', '姓名', '手机号码', '身份证号码', '家庭人口', '困难类型', '情况说明'];

/// A department's CSV: `count` good rows in its own column order, and one with a short phone.
function csvFile(prefix, count) {
  const stamp = Date.now();
  const rows = [HEADER];
  for (let i = 0; i < count; i += 1) {
    rows.push(['522799101201', `${prefix}-${stamp}-${i}`, `${prefix}户${i}`, uniqueMobile(), uniqueIdNumber(), '2', '因病', '民政数据：新纳入低保边缘']);
  }
  rows.push(['522799101201', `${prefix}-${stamp}-bad`, '错误行', '123', uniqueIdNumber(), '2', '因病', '手机号码不完整']);
  return { name: `${prefix}名单.csv`, mimeType: 'text/csv', buffer: Buffer.from(rows.map((r) => r.join(',')).join('\r\n'), 'utf8') };
}

test('a department chooses a file: the server reads it and the page pushes it in batches', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await loginAs(page, 'bumen-minzheng');
  await page.goto(`${BASE_URL}/staff/alerts`);
  await hydrated(page);
  await page.getByLabel('选择名单文件（Excel或CSV）').setInputFiles(csvFile('FILE', 30));
  await page.getByRole('button', { name: '导入' }).click();
  const outcomes = page.getByTestId('alert-outcomes');
  await outcomes.waitFor();
  assert.match(await outcomes.innerText(), /已登记30条，未登记1条/);
  // 31 rows went in two batches of at most 25 behind the progress bar.
  const bar = page.getByRole('status').filter({ hasText: '已处理' });
  assert.match(await bar.innerText(), /已处理 31 \/ 31 条/);
  assert.equal(await bar.locator('progress').getAttribute('value'), '31');
  assert.equal(page.url(), `${BASE_URL}/staff/alerts`, 'the page stayed put');

  // A wrong file is refused with a reason and nothing is filed.
  await page.getByLabel('选择名单文件（Excel或CSV）').setInputFiles({ name: '照片.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) });
  await page.getByRole('button', { name: '导入' }).click();
  await page.getByRole('alert').filter({ hasText: '文件类型不对' }).waitFor();
  await page.close();
});

test('without JavaScript a chosen file gets the row-by-row answer page', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  await loginAs(page, 'bumen-minzheng');
  await page.goto(`${BASE_URL}/staff/alerts`);
  // The .xls fixture the API tests read (Excel 97-2003, as older WPS installs save it).
  const xls = await readFile(new URL('../../server/tests/fixtures/department_alerts.xls', import.meta.url));
  await page.getByLabel('选择名单文件（Excel或CSV）').setInputFiles({ name: '民政预警.xls', mimeType: 'application/vnd.ms-excel', buffer: xls });
  await page.getByRole('button', { name: '导入' }).click();
  const outcomes = page.getByTestId('alert-outcomes');
  await outcomes.waitFor();
  assert.match(await outcomes.innerText(), /已登记1条，未登记1条/);
  assert.match(await outcomes.innerText(), /XLS-2/);
  assert.equal(page.url(), `${BASE_URL}/staff/alerts`, 'the answer on the import page itself, not the queue');
  await page.getByRole('heading', { name: '部门预警导入' }).waitFor();

  await page.getByLabel('选择名单文件（Excel或CSV）').setInputFiles(csvFile('NOJS', 2));
  await page.getByRole('button', { name: '导入' }).click();
  assert.match(await page.getByTestId('alert-outcomes').innerText(), /已登记2条，未登记1条/);
  await page.close();
});
