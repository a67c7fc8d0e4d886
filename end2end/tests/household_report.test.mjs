// A household reports hardship from a phone, then checks progress; an officer sees it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, launch, newPage, hydrated, idNumber, uniqueIdNumber, uniqueMobile, fillReport, loginAs,
  assertNoCspViolation,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function trackAndExpectWaiting(page, tracking, mobile) {
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('link', { name: '查询进度' }).first().click();
  await page.getByLabel('查询码').fill(tracking);
  await page.getByLabel('申报时填写的手机号码').fill(mobile);
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByText('已提交，等待乡镇受理').waitFor();
}

async function officerSees(name, username, expected) {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await loginAs(page, username);
  await page.getByRole('heading', { name: '待办事项' }).waitFor();
  const count = await page.getByText(name, { exact: true }).count();
  assert.equal(count > 0, expected, `${username} sees ${name}: expected ${expected}`);
  await page.context().close();
}

test('with JavaScript: report on a phone, get a tracking number, check progress', async () => {
  const page = await newPage(browser);
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('heading', { name: '防返贫监测帮扶服务' }).waitFor();
  await page.getByRole('link', { name: '我要申报' }).click();
  await page.waitForURL(`${BASE_URL}/report`);
  await hydrated(page);

  // The same parser as the server checks the ID number in the browser.
  const idField = page.getByLabel('身份证号码');
  await idField.fill('522727198502010011');
  await idField.blur();
  await page.getByText('身份证号码有一位不对').waitFor();
  // Leaving a wrong field for the next control: its error must not push that control away
  // under the finger (the tap was lost when the error appeared at once).
  await page.getByLabel('家庭人口数').fill('0');
  const illness = page.getByRole('checkbox', { name: '因病' });
  await illness.click();
  assert.ok(await illness.isChecked(), 'the tap after a field error lands');
  // 0 is not missing: the error says the range, not 请填写 (tester).
  await page.getByText('家庭人口数请填1到30之间的数字').waitFor();

  const name = `申报人${Date.now() % 100000}`;
  const mobile = uniqueMobile();
  await fillReport(page, { name, mobile, id: uniqueIdNumber() });
  assert.equal(await page.locator('#e-id_number').innerText(), '', 'fixed ID clears the error');

  // The page is usable at 360 px: nothing wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 360, `page is ${overflow}px wide`);

  await page.getByRole('button', { name: '提交申报' }).click();
  await page.waitForURL(/\/report\/submitted\//);
  const tracking = (await page.getByTestId('tracking').innerText()).trim();
  assert.match(tracking, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$/);
  await page.getByText('接下来').waitFor();
  // Back to the form, where sending it again made a second filing: it says one was just sent.
  await page.goBack();
  await page.waitForURL(`${BASE_URL}/report`);
  await page.getByTestId('filed-recently').waitFor();
  // The form waits behind a button; the page opens on the note, not at the submit button.
  const onScreen = await page.getByTestId('filed-recently').evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
  assert.ok(onScreen, 'the note is on the screen after Back');
  assert.ok(!(await page.getByRole('button', { name: '提交申报' }).isVisible()));
  await page.getByText('为另一户申报').click();
  await page.getByRole('button', { name: '提交申报' }).waitFor();

  await trackAndExpectWaiting(page, tracking, mobile);
  // Hydrated and submitted under the CSP, with nothing refused on the way.
  assertNoCspViolation(page);
  await page.context().close();

  await officerSees(name, 'zhen-qingshi', true);
  await officerSees(name, 'zhen-hekou', false);
});

test('without JavaScript: mistakes come back with everything typed, then the report goes through', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE_URL}/report`);
  const name = `无脚本${Date.now() % 100000}`;
  const mobile = uniqueMobile();
  await fillReport(page, { name, mobile: '1234', id: idNumber(12), consent: false });
  await page.getByRole('button', { name: '提交申报' }).click();
  await page.waitForURL(/\/report\?draft=/);

  assert.equal(await page.getByLabel('申请人姓名').inputValue(), name, 'name kept');
  assert.equal(await page.getByLabel('身份证号码').inputValue(), idNumber(12), 'ID kept');
  assert.equal(await page.getByLabel('所在乡镇和村').inputValue(), '522799101201', 'village kept');
  assert.ok(await page.getByRole('checkbox', { name: '因病' }).isChecked(), 'risk kept');
  assert.notEqual(await page.locator('#e-mobile').innerText(), '', 'mobile error shown');
  assert.notEqual(await page.locator('#e-consent').innerText(), '', 'consent error shown');

  await page.getByLabel('手机号码').fill(mobile);
  await page.getByRole('checkbox', { name: /承诺授权/ }).check();
  await page.getByRole('button', { name: '提交申报' }).click();
  await page.waitForURL(/\/report\/submitted\//);
  const tracking = (await page.getByTestId('tracking').innerText()).trim();

  await trackAndExpectWaiting(page, tracking, mobile);
  await page.context().close();

  await officerSees(name, 'zhen-qingshi', true);
});

test('without JavaScript an officer can log in and see the queue', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  await loginAs(page, 'zhen-qingshi');
  await page.getByRole('heading', { name: '待办事项' }).waitFor();
  await page.context().close();
});
