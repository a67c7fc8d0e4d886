// A village cadre who must call a household reveals its mobile on a phone: a reason is asked
// for, the number appears in place as a link to call, and the ID number stays masked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, fileReport, openCase, uniqueMobile } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the mobile is revealed in place, with a reason, as a number to call', async () => {
  const page = await newPage(browser);
  const mobile = uniqueMobile();
  const name = `揭示${mobile.slice(-4)}`;
  await fileReport(page, name, { mobile });
  await openCase(page, 'cun-qingshi', name);
  const shown = page.getByTestId('mobile-number');
  assert.ok(!(await shown.innerText()).includes(mobile), 'masked at first');
  const form = page.locator('form.reveal-form', { has: page.locator('input[name="what"][value="mobile"]') });
  await form.locator('select[name="reason"]').selectOption('contact');
  await form.getByRole('button', { name: '查看' }).click();
  const call = shown.locator(`a[href="tel:${mobile}"]`);
  await call.waitFor();
  assert.equal(await call.innerText(), mobile);
  assert.ok(await form.isHidden(), 'the reason picker goes once the number is shown');
  assert.ok((await page.getByTestId('id-number').innerText()).includes('*'), 'the ID number stays masked');
  await page.context().close();
});
