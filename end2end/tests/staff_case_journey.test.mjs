// A case travels the whole mechanism in the staff UI, each step by the right account:
// report → acceptance → home check → village review → notice → township → county data
// comparison → county decision →
// responsible person → plan with two measures → visit → elimination (same four steps).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, SAME_ORIGIN, PASSWORD, launch, newPage, loginAs, fileReport, assertNoCspViolation, openCase, step,
} from './helpers.mjs';

const DESKTOP = { width: 1280, height: 800 };
const TABLET = { width: 800, height: 1180 };
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function advanceDays(page, days) {
  const response = await page.request.post(`${BASE_URL}/__test/clock/advance?days=${days}`, {
    headers: SAME_ORIGIN,
  });
  assert.equal(response.status(), 200);
}



// The case page fits a 360 px phone: nothing wider than the screen (names the widest part).
async function assertNoSidewaysScroll(page) {
  await page.setViewportSize({ width: 360, height: 640 });
  const widths = await page.evaluate(() => {
    const root = document.documentElement;
    const wide = [...document.body.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5).pop();
    const what = wide ? `${wide.tagName.toLowerCase()}.${wide.className} "${wide.textContent.trim().slice(0, 30)}"` : '';
    return { scroll: root.scrollWidth, client: root.clientWidth, what };
  });
  assert.ok(widths.scroll <= widths.client, `case page scrolls sideways at 360 px: ${widths.scroll} > ${widths.client} (${widths.what})`);
}

async function expectState(page, text) {
  await page.locator('h1 .tag', { hasText: text }).waitFor();
}

async function homeCheck(form) {
  await form.locator('input[name="form[visitors]"]').fill('王村干、李乡干');
  await form.locator('select[name="form[members][0][labour]"]').selectOption('full');
  await form.locator('input[name="form[members][0][income]"]').fill('2000');
  await form.locator('input[name="form[members][1][name]"]').fill('李梅');
  await form.locator('select[name="form[members][1][labour]"]').selectOption('partial');
  await form.locator('select[name="form[members][1][relation]"]').selectOption('spouse');
  await form.locator('input[name="form[members][1][income]"]').fill('1000');
  for (const item of await form.locator('input[name^="form[guarantees]"]:not([value$=":no"])').all()) await item.check();
  await form.locator('input[name="form[consent_signed]"]').check();
}

async function villageReviewAndNotice(page) {
  await step(page, '村级评议', async (f) => f.locator('input[name="form[outcome]"][value="pass"]').check());
  await step(page, '开始公示');
}

test('a case travels from report to risk elimination, each step by the right person', async () => {
  const page = await newPage(browser, { viewport: DESKTOP });
  const name = `旅程${Date.now() % 100000}`;
  await fileReport(page, name);

  // Township officer: the new report is in 待办 with its deadline; accept it.
  await page.setViewportSize(DESKTOP);
  await loginAs(page, 'zhen-qingshi');
  // Searched by name: other journeys' filings can push it past the first page.
  await page.goto(`${BASE_URL}/staff?q=${encodeURIComponent(name)}`);
  const item = page.locator('li.queue-item', { hasText: name });
  await item.waitFor();
  assert.match(await item.innerText(), /受理/);
  await item.getByRole('link').click();
  await page.getByRole('heading', { name: new RegExp(name) }).waitFor();
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 60000 });
  await step(page, '受理');
  await expectState(page, '待入户核查');

  // Village cadre on a tablet: home check, village review, notice.
  await openCase(page, 'cun-qingshi', name, TABLET);
  await step(page, '录入入户核查', homeCheck);
  await villageReviewAndNotice(page);
  await expectState(page, '公示中');
  // After the home check the household summary holds the long income labels.
  await assertNoSidewaysScroll(page);
  // The notice cannot end before five days.
  assert.equal(await page.locator('summary', { hasText: '结束公示' }).count(), 0);
  // The printable village notice lists the household, never its ID number or phone.
  await page.goto(`${BASE_URL}/notice/522799101201`);
  const notice = await page.locator('article.notice').innerText();
  assert.match(notice, new RegExp(name));
  assert.doesNotMatch(notice, /\d{17}[\dX]/, 'no ID numbers on the notice');
  assert.doesNotMatch(notice, /1[3-9]\d{9}/, 'no phone numbers on the notice');
  await advanceDays(page, 5);
  await openCase(page, 'cun-qingshi', name, TABLET);
  await step(page, '结束公示');

  await openCase(page, 'zhen-qingshi', name, DESKTOP);
  await step(page, '乡镇审核', async (f) => {
    await f.locator('input[name="form[approve]"][value="yes"]').check();
    await f.locator('textarea[name="form[note]"]').fill('情况属实');
  });
  await expectState(page, '待县级审定');

  // County: the data comparison finds a car (负面清单); the warning stays on the case and
  // identifying the household anyway needs a written reason.
  await openCase(page, 'xian-officer', name, DESKTOP);
  await step(page, '录入县级数据比对', async (f) => {
    await f.locator('input[name^="form[hits]"][value="private_car"]').check();
    await f.locator('textarea[name="form[note]"]').fill('公安车辆登记数据');
  });
  await page.locator('[data-testid="comparison"]', { hasText: '拥有私家车' }).waitFor();
  await step(page, '县级审定', async (f) => {
    await f.locator('input[name="form[decision]"][value="identify"]').check();
    await f.locator('select[name="form[category]"]').selectOption('marginal');
    await f.locator('select[name="form[tier]"]').selectOption('yellow');
    await f.locator('textarea[name="form[note]"]').fill('车辆为报废农用三轮车');
  });
  await expectState(page, '监测帮扶中');

  await openCase(page, 'zhen-qingshi', name, DESKTOP);
  await step(page, '确定帮扶责任人', async (f) => {
    await f.locator('input[name="form[person]"]').fill('王村干');
    await f.locator('input[name="form[mobile]"]').fill('13900139000');
  });
  await step(page, '制定帮扶计划', async (f) => {
    await f.locator('select[name="form[measures][0][measure_type]"]').selectOption('medical');
    await f.locator('input[name="form[measures][0][amount]"]').fill('3000');
    await f.locator('input[name="form[measures][0][end]"]').fill('2027-12-31');
    // A row the suggestions left empty starts empty: its start date is chosen, not assumed.
    const start = await f.locator('input[name="form[measures][0][start]"]').inputValue();
    await f.locator('select[name="form[measures][1][measure_type]"]').selectOption('employment');
    await f.locator('input[name="form[measures][1][amount]"]').fill('500');
    await f.locator('input[name="form[measures][1][start]"]').fill(start);
    await f.locator('input[name="form[measures][1][end]"]').fill('2027-12-31');
    await f.locator('select[name="form[measures][2][measure_type]"]').selectOption('');
  });
  for (const index of ['0', '1']) {
    await step(page, '更新措施进度', async (f) => {
      await f.locator(`input[name="form[index]"][value="${index}"]`).check();
      await f.locator('input[name="form[status]"][value="delivered"]').check();
    });
  }

  // The plan's village review and notice (seed 004) end before an elimination is proposed.
  await openCase(page, 'cun-qingshi', name, TABLET);
  await step(page, '帮扶措施村级评议', async (f) => f.locator('input[name="form[outcome]"][value="pass"]').check());
  await step(page, '开始公示帮扶措施');
  await advanceDays(page, 5);
  await openCase(page, 'cun-qingshi', name, TABLET);
  await step(page, '结束帮扶措施公示');
  await step(page, '登记走访', async (f) => f.locator('textarea[name="form[note]"]').fill('病情好转，已复工'));
  await step(page, '提出风险消除', async (f) => {
    for (const item of await f.locator('input[name^="form[checklist]"]').all()) await item.check();
  });
  await step(page, '录入入户核查', async (f) => {
    await homeCheck(f);
    await f.locator('input[name="form[members][0][income]"]').fill('20000');
    await f.locator('input[name="form[members][1][income]"]').fill('12000');
  });
  await villageReviewAndNotice(page);
  await advanceDays(page, 5);
  await openCase(page, 'cun-qingshi', name, TABLET);
  await step(page, '结束公示');

  await openCase(page, 'zhen-qingshi', name, DESKTOP);
  await step(page, '乡镇审核', async (f) => {
    await f.locator('input[name="form[approve]"][value="yes"]').check();
    await f.locator('textarea[name="form[note]"]').fill('同意消除');
  });

  await openCase(page, 'xian-head', name, DESKTOP);
  await step(page, '县级审定（风险消除）', async (f) => f.locator('input[name="form[decision]"][value="eliminate"]').check());
  await expectState(page, '风险已消除');
  // No risk tier shown once the risk is gone (it read as a current one: tester).
  assert.equal(await page.locator('dt', { hasText: '风险等级' }).count(), 0);
  // In the village's 全部 tab too, with its state (its quarterly re-check is not standing 待办).
  await loginAs(page, 'cun-qingshi');
  await page.goto(`${BASE_URL}/staff?tab=all&q=${encodeURIComponent(name)}`);
  await page.locator('li.queue-item', { hasText: name }).filter({ hasText: '风险已消除' }).first().waitFor();
  await openCase(page, 'xian-head', name, DESKTOP);
  // The timeline tells the whole story.
  const timeline = await page.locator('ol.timeline').innerText();
  for (const words of ['提交申报', '乡镇受理', '完成入户核查', '开始公示', '认定为', '帮扶计划', '走访', '风险消除']) {
    assert.match(timeline, new RegExp(words));
  }
  // Every staff page on the way hydrated and ran under the CSP.
  assertNoCspViolation(page);
  await page.context().close();
});

test('an officer of another township cannot open the case, and an overdue item is red', async () => {
  const page = await newPage(browser, { viewport: DESKTOP });
  const name = `逾期${Date.now() % 100000}`;
  await fileReport(page, name);
  await advanceDays(page, 7);
  await loginAs(page, 'zhen-qingshi');
  await page.goto(`${BASE_URL}/staff?tab=overdue&q=${encodeURIComponent(name)}`);
  const item = page.locator('li.queue-item', { hasText: name });
  await item.waitFor();
  assert.equal(await item.getAttribute('data-urgency'), 'overdue');
  assert.match(await item.innerText(), /逾期/);
  const border = await item.evaluate((el) => getComputedStyle(el).borderLeftColor);
  assert.equal(border, 'rgb(176, 0, 32)', 'overdue items are red');
  const href = await item.getByRole('link').getAttribute('href');

  await loginAs(page, 'zhen-hekou');
  await page.goto(`${BASE_URL}/staff?tab=all&q=${encodeURIComponent(name)}`);
  assert.equal(await page.locator('li.queue-item', { hasText: name }).count(), 0);
  await page.goto(`${BASE_URL}${href}`);
  await page.getByText('没有找到相关记录').waitFor();
  await page.context().close();
});

test('without JavaScript a township officer accepts a case from the case page', async () => {
  const setup = await newPage(browser, { viewport: DESKTOP });
  const name = `无脚本受理${Date.now() % 100000}`;
  await fileReport(setup, name);
  await setup.context().close();

  const page = await newPage(browser, { javaScriptEnabled: false, viewport: DESKTOP });
  await loginAs(page, 'zhen-qingshi');
  await page.goto(`${BASE_URL}/staff?tab=todo&q=${encodeURIComponent(name)}`);
  await page.locator('li.queue-item', { hasText: name }).getByRole('link').click();
  await page.getByRole('heading', { name: new RegExp(name) }).waitFor();
  // The first step's form is open; submitting it is a plain form post and redirect.
  await page.getByRole('button', { name: '提交：受理' }).click();
  await page.locator('h1 .tag', { hasText: '待入户核查' }).waitFor();
  await page.context().close();
});

test('a case link opened signed out leads through the sign-in back to that case', async () => {
  const setup = await newPage(browser, { viewport: DESKTOP });
  const name = `回到案件${Date.now() % 100000}`;
  await fileReport(setup, name);
  await loginAs(setup, 'zhen-qingshi');
  await setup.goto(`${BASE_URL}/staff?tab=all&q=${encodeURIComponent(name)}`);
  const href = await setup.locator('li.queue-item', { hasText: name }).getByRole('link').getAttribute('href');
  await setup.context().close();

  // A phone that was never signed in opens the link (from a notification, say).
  const page = await newPage(browser, { viewport: { width: 360, height: 640 } });
  await page.goto(`${BASE_URL}${href}?from=sms`);
  await page.getByText('请先登录。').waitFor();
  await page.getByRole('link', { name: '登录' }).click();
  await page.getByLabel('用户名').fill('zhen-qingshi');
  await page.getByLabel('密码').fill('not-the-password-42');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('login-error').waitFor();
  // A wrong password keeps the way back; the right one follows it to the case.
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${BASE_URL}${href}?from=sms`);
  await page.getByRole('heading', { name: new RegExp(name) }).waitFor();
  assertNoCspViolation(page);
  await page.context().close();
});
