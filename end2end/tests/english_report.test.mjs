// English, the second language: a household switches on a phone, reports, and reads its
// tracking number and progress in English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, newPage, hydrated, uniqueIdNumber, uniqueMobile } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('in English: a household reports on a phone and tracks its report', async () => {
  const page = await newPage(browser);
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Help when hardship returns' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByRole('link', { name: 'Report hardship' }).click();
  await page.waitForURL(`${BASE_URL}/report`);
  await hydrated(page);

  // Checked in the browser, worded in English.
  const mobileField = page.getByLabel('Mobile number');
  await mobileField.fill('123');
  await mobileField.blur();
  await page.getByText('A mobile number has 11 digits.').waitFor();

  const mobile = uniqueMobile();
  await page.getByLabel("Applicant's name").fill(`English${Date.now() % 100000}`);
  await mobileField.fill(mobile);
  await page.getByLabel('ID card number').fill(uniqueIdNumber());
  await page.getByLabel('Township and village').selectOption('522799101201');
  await page.getByLabel('People in the household').fill('2');
  await page.getByRole('checkbox', { name: 'Illness' }).check();
  await page.getByLabel('Tell us briefly what happened').fill('My husband is in hospital.');
  await page.getByRole('checkbox', { name: /Pledge and authorisation/ }).check();
  await page.getByRole('button', { name: 'Send my report' }).click();

  await page.getByRole('heading', { name: 'Your report has been sent' }).waitFor();
  const tracking = (await page.getByTestId('tracking').innerText()).trim();
  assert.match(tracking, /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}$/);

  await page.getByRole('link', { name: 'Track my report' }).first().click();
  await page.getByLabel('Tracking number').fill(tracking);
  await page.getByLabel('Mobile number given when reporting').fill(mobile);
  await page.getByRole('button', { name: 'Look up' }).click();
  await page.getByText('Sent; waiting for the township to accept it').waitFor();
  // The English result on a 360 px phone: nothing sticks out sideways (a tester found 418 px).
  const widths = await page.evaluate(() => {
    const root = document.documentElement;
    const wide = [...document.body.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5).pop();
    const what = wide ? `${wide.tagName.toLowerCase()}.${wide.className} "${wide.textContent.trim().slice(0, 40)}"` : '';
    return { scroll: root.scrollWidth, client: root.clientWidth, what };
  });
  assert.ok(widths.scroll <= widths.client, `the result is ${widths.scroll}px wide at ${widths.client}px: ${widths.what}`);
  const contacts = await page.getByTestId('contacts').innerText();
  assert.doesNotMatch(contacts, /：/, 'English punctuation in “Whom to call”');
  await page.context().close();
});
