// A line department pastes its screening list copied from a spreadsheet and gets an answer
// per row; the township finds the filed alert in its queue.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
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

  await loginAs(page, 'zhen-qingshi');
  const item = page.locator('li.queue-item', { hasText: name });
  await item.waitFor();
  assert.match(await item.innerText(), /部门筛查预警/);
  await page.close();
});
