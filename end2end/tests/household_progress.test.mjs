// What the household reads at each step, on a 360×640 phone without JavaScript, while staff
// walk its case from filing to risk elimination. The county runs a non-default policy
// (3 working days to accept, 3 days to name the responsible person), and the household's
// dates follow it; the phones the admin set are tap-to-call links; a late step says so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, SAME_ORIGIN, launch, newPage, loginAs, uniqueIdNumber, uniqueMobile, openCase, step,
} from './helpers.mjs';

const DESKTOP = { width: 1280, height: 800 };
const VILLAGE = '522799101201';
const TOWNSHIP = '522799101000';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const zhDate = (d) => `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
const isoDate = (d) => d.toISOString().slice(0, 10);
function parseZh(text) {
  const [, y, m, d] = text.match(/(\d{4})年(\d{1,2})月(\d{1,2})日/);
  return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
}
const addDays = (d, n) => new Date(d.getTime() + n * 86400000);
/** Working days in December 2026 are Monday to Friday (no public holiday falls in it). */
/** A deadline of calendar days that ends on a weekend moves to the Monday (the period rule). */
const onWorkingDay = (d) => (d.getUTCDay() === 6 ? addDays(d, 2) : d.getUTCDay() === 0 ? addDays(d, 1) : d);
function addWorkingDays(d, n) {
  let day = d;
  for (let left = n; left > 0;) {
    day = addDays(day, 1);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left -= 1;
  }
  return day;
}

async function advanceDays(page, days) {
  const response = await page.request.post(`${BASE_URL}/__test/clock/advance?days=${days}`, { headers: SAME_ORIGIN });
  assert.equal(response.status(), 200);
}

/** The admin's policy form: the national values, changed where `changes` says. */
function policyForm(from, changes) {
  const base = {
    income_line: '7300', township_acceptance_days: '2', home_check_days: '3',
    identification_days: '15', notice_min_days: '5', due_soon_days: '1', responsible_days: '2',
    ...changes,
  };
  const form = { 'policy[effective_from]': from };
  for (const [k, v] of Object.entries(base)) form[`policy[${k}]`] = v;
  return form;
}

async function post(page, path, form) {
  const response = await page.request.post(`${BASE_URL}${path}`, {
    form, headers: { accept: 'application/json', ...SAME_ORIGIN },
  });
  assert.ok(response.status() < 400, `${path}: ${response.status()} ${await response.text()}`);
  return response;
}

/** Files over HTTP as the form does; returns the number and the confirmation link. */
async function file(page, name, mobile) {
  const response = await post(page, '/api/reports/submit', {
    'form[name]': name,
    'form[mobile]': mobile,
    'form[id_number]': uniqueIdNumber(),
    'form[village]': VILLAGE,
    'form[household_size]': '3',
    'form[risk_types][0]': 'illness',
    'form[description]': '家中老人重病住院',
    'form[consent]': 'on',
  });
  return { tracking: await response.json(), link: response.headers().location };
}

/** What the household reads: looked up on a phone without JavaScript, by a posted form. */
async function household(tracking, mobile) {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE_URL}/track`);
  await page.getByLabel(/^查询码（/).fill(tracking);
  await page.getByLabel('申报时填写的手机号码').fill(mobile);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  const result = page.locator('[data-testid="track-result"]');
  await result.waitFor();
  assert.ok(!page.url().includes(mobile), `no mobile in the address: ${page.url()}`);
  assert.ok(!page.url().includes('&='), `no stray &= in ${page.url()}`);
  const seen = {
    text: await result.innerText(),
    contacts: await page.locator('[data-testid="contacts"]').innerText(),
    tel: await page.locator('[data-testid="contacts"] a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
  };
  await page.context().close();
  return seen;
}

async function expectHousehold(tracking, mobile, ...words) {
  const seen = await household(tracking, mobile);
  for (const w of words) assert.ok(seen.text.includes(w), `expected “${w}” in:\n${seen.text}`);
  assert.ok(seen.tel.includes('tel:12317'), 'the hotline on every case page');
  assert.ok(seen.tel.includes('tel:08512345678'), 'the village committee phone the admin set');
  assert.ok(seen.contacts.includes('0851-2345678'), seen.contacts);
  return seen;
}



async function homeCheck(form, income = ['2000', '1000']) {
  await form.locator('input[name="form[visitors]"]').fill('王村干、李乡干');
  await form.locator('select[name="form[members][0][labour]"]').selectOption('full');
  await form.locator('input[name="form[members][0][income]"]').fill(income[0]);
  await form.locator('input[name="form[members][1][name]"]').fill('李梅');
  await form.locator('select[name="form[members][1][labour]"]').selectOption('partial');
  await form.locator('select[name="form[members][1][relation]"]').selectOption('spouse');
  await form.locator('input[name="form[members][1][income]"]').fill(income[1]);
  for (const item of await form.locator('input[name^="form[guarantees]"]:not([value$=":no"])').all()) await item.check();
  await form.locator('input[name="form[consent_signed]"]').check();
}

/** The server's today, from a throwaway filing's confirmation page. */
async function serverToday(page) {
  const { link } = await file(page, `日期${Date.now() % 100000}`, uniqueMobile());
  await page.goto(`${BASE_URL}${link}`);
  return parseZh(await page.locator('section.card.success').innerText());
}

test('the household reads a true sentence, date and phone at every step', async () => {
  const staff = await newPage(browser, { viewport: DESKTOP });
  let today = await serverToday(staff);
  await loginAs(staff, 'xian-admin');
  await post(staff, '/api/settings/policy', policyForm(isoDate(today), {
    township_acceptance_days: '3', responsible_days: '3',
  }));
  await post(staff, '/api/contacts/set', { region: VILLAGE, phone: '0851-2345678' });
  await post(staff, '/api/contacts/set', { region: TOWNSHIP, phone: '0851-8765432' });

  const name = `进度${Date.now() % 100000}`;
  const mobile = uniqueMobile();
  const { tracking, link } = await file(staff, name, mobile);
  const acceptBy = addWorkingDays(today, 3);

  // The confirmation page: the county's dates, how the result comes, the notice board.
  const phone = await newPage(browser, { javaScriptEnabled: false });
  await phone.goto(`${BASE_URL}${link}`);
  const confirmation = await phone.locator('main').innerText();
  assert.ok(confirmation.includes(zhDate(acceptBy)), `acceptance by ${zhDate(acceptBy)}:\n${confirmation}`);
  assert.ok(confirmation.includes(zhDate(addWorkingDays(acceptBy, 3))), 'the visit date');
  for (const w of ['短信', '村务公开栏', '身份证号码、手机号码、银行账号和病情', '12317']) {
    assert.ok(confirmation.includes(w), `confirmation says ${w}`);
  }
  await phone.context().close();

  await expectHousehold(tracking, mobile, '已提交，等待乡镇受理', `${zhDate(acceptBy)}完成`);

  await openCase(staff, 'zhen-qingshi', name);
  await step(staff, '受理');
  await expectHousehold(tracking, mobile, '乡镇已受理', '上门核实');

  await openCase(staff, 'cun-qingshi', name);
  await step(staff, '录入入户核查', homeCheck);
  await expectHousehold(tracking, mobile, '已经上门核实过', '村里会开会评议');
  await step(staff, '村级评议', async (f) => f.locator('input[name="form[outcome]"][value="pass"]').check());
  await expectHousehold(tracking, mobile, '村里已经评议通过', '至少5天');
  await step(staff, '开始公示');
  await expectHousehold(tracking, mobile, '村务公开栏公示', '公示结束后，由乡镇审核');
  await advanceDays(staff, 5);
  today = addDays(today, 5);
  await openCase(staff, 'cun-qingshi', name);
  await step(staff, '结束公示');
  await expectHousehold(tracking, mobile, '公示已经结束', '乡镇会审核');

  await openCase(staff, 'zhen-qingshi', name);
  await step(staff, '乡镇审核', async (f) => {
    await f.locator('input[name="form[approve]"][value="yes"]').check();
    await f.locator('textarea[name="form[note]"]').fill('情况属实');
  });
  await expectHousehold(tracking, mobile, '乡镇已经审核通过', '县里核对');

  await openCase(staff, 'xian-officer', name);
  await step(staff, '录入县级数据比对', async (f) => f.locator('textarea[name="form[note]"]').fill('比对无异常'));
  await step(staff, '县级审定', async (f) => {
    await f.locator('input[name="form[decision]"][value="identify"]').check();
    await f.locator('select[name="form[category]"]').selectOption('marginal');
    await f.locator('select[name="form[tier]"]').selectOption('yellow');
  });
  // The county's 3 days (not the national 2) to name the responsible person.
  await expectHousehold(tracking, mobile, '已认定为监测对象', '安排一名帮扶责任人', `${zhDate(onWorkingDay(addDays(today, 3)))}完成`);

  await openCase(staff, 'zhen-qingshi', name);
  await step(staff, '确定帮扶责任人', async (f) => {
    await f.locator('input[name="form[person]"]').fill('王村干');
    await f.locator('input[name="form[mobile]"]').fill('13800138000');
  });
  const named = await expectHousehold(tracking, mobile, '商量帮扶办法');
  assert.ok(named.contacts.includes('王村干'), named.contacts);
  assert.ok(named.tel.includes('tel:13800138000'), 'the responsible person is a tap away');
  await step(staff, '制定帮扶计划', async (f) => {
    await f.locator('select[name="form[measures][0][measure_type]"]').selectOption('medical');
    await f.locator('input[name="form[measures][0][amount]"]').fill('3000');
    await f.locator('input[name="form[measures][0][end]"]').fill('2027-12-31');
    await f.locator('select[name="form[measures][1][measure_type]"]').selectOption('');
    await f.locator('select[name="form[measures][2][measure_type]"]').selectOption('');
  });
  await step(staff, '更新措施进度', async (f) => {
    await f.locator('input[name="form[index]"][value="0"]').check();
    await f.locator('input[name="form[status]"][value="delivered"]').check();
  });
  await expectHousehold(tracking, mobile, '定期上门走访', '看病报销', '3,000', '已落实', '下次上门走访');

  // The plan's village review and notice (seed 004) end before an elimination is proposed.
  await openCase(staff, 'cun-qingshi', name);
  await step(staff, '帮扶措施村级评议', async (f) => f.locator('input[name="form[outcome]"][value="pass"]').check());
  await step(staff, '开始公示帮扶措施');
  await advanceDays(staff, 5);
  today = addDays(today, 5);
  await openCase(staff, 'cun-qingshi', name);
  await step(staff, '结束帮扶措施公示');
  await step(staff, '登记走访', async (f) => f.locator('textarea[name="form[note]"]').fill('病情好转，已复工'));
  await step(staff, '提出风险消除', async (f) => {
    for (const item of await f.locator('input[name^="form[checklist]"]').all()) await item.check();
  });
  await expectHousehold(tracking, mobile, '正在核实您家的困难是否已经解决', '现在的收入');
  await step(staff, '录入入户核查', (f) => homeCheck(f, ['20000', '12000']));
  await step(staff, '村级评议', async (f) => f.locator('input[name="form[outcome]"][value="pass"]').check());
  await step(staff, '开始公示');
  await expectHousehold(tracking, mobile, '正在核实您家的困难是否已经解决', '村务公开栏公示');
  await advanceDays(staff, 5);
  today = addDays(today, 5);
  await openCase(staff, 'cun-qingshi', name);
  await step(staff, '结束公示');
  await openCase(staff, 'zhen-qingshi', name);
  await step(staff, '乡镇审核', async (f) => {
    await f.locator('input[name="form[approve]"][value="yes"]').check();
    await f.locator('textarea[name="form[note]"]').fill('同意消除');
  });
  await openCase(staff, 'xian-head', name);
  await step(staff, '县级审定（风险消除）', async (f) => f.locator('input[name="form[decision]"][value="eliminate"]').check());
  await expectHousehold(tracking, mobile, '困难已解决', '可以随时重新申报');

  // Put the national defaults back for the journeys that follow.
  await loginAs(staff, 'xian-admin');
  await post(staff, '/api/settings/policy', policyForm(isoDate(today), {}));
  await staff.context().close();
});

test('a late step tells the household, names whom to call and says it was escalated', async () => {
  const staff = await newPage(browser, { viewport: DESKTOP });
  const name = `超时${Date.now() % 100000}`;
  const mobile = uniqueMobile();
  const { tracking } = await file(staff, name, mobile);
  await advanceDays(staff, 7);
  const seen = await household(tracking, mobile);
  for (const w of ['超过规定时间', '报告上级督办', '乡镇人民政府', '12317']) {
    assert.ok(seen.text.includes(w), `expected “${w}” in:\n${seen.text}`);
  }
  await staff.context().close();
});
