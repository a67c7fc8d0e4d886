// The county administrator's policy form keeps what was typed when a value is refused: the
// form was drawn again from the stored policy, so one slip wiped every change (admin tester).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, loginAs, hydrated, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a refused policy keeps the values typed and names the field', async () => {
  const page = await newPage(browser);
  await loginAs(page, 'xian-admin');
  await page.goto(`${BASE_URL}/staff/settings`);
  await hydrated(page);
  const line = page.locator('#income_line');
  const notice = page.locator('#notice_min_days');
  await line.fill('9100');
  await notice.fill('3');
  await page.getByRole('button', { name: '保存政策' }).click();
  const banner = page.locator('.banner.error');
  await banner.waitFor();
  assert.match(await banner.innerText(), /公示不少于/, 'the refused field is named');
  assert.equal(await line.inputValue(), '9100', 'the other change is still there');
  assert.equal(await notice.inputValue(), '3', 'the refused value can be corrected in place');
  await page.context().close();
});
