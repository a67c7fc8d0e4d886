import { launch, newPage, fileReport, openCase, step } from '../tests/helpers.mjs';
const browser = await launch();
for (let i = 0; i < 4; i++) {
  const page = await newPage(browser, { viewport: { width: 360, height: 640 } });
  const name = `成员${Date.now() % 100000}`;
  await fileReport(page, name);
  await openCase(page, 'zhen-qingshi', name);
  await step(page, '受理');
  await page.context().clearCookies();
  await openCase(page, 'cun-qingshi', name);
  await page.locator('input[name="form[members][0][income]"]').fill('一万二');
  await page.locator('input[name="form[members][1][name]"]').fill('李梅');
  const form = page.locator('#step-record_home_check');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.getByRole('button', { name: /^提交：/ }).click()]);
  const info = await page.evaluate(() => {
    const inc = document.querySelector('input[name="form[members][0][income]"]');
    const e = document.querySelector('#e-record_home_check-members-0-income');
    const row = inc.closest('.row');
    return { inc: inc.getBoundingClientRect().toJSON(), e: e.getBoundingClientRect().toJSON(),
      html: row.outerHTML.slice(0, 3000), url: location.href };
  });
  const gap = info.e.y - info.inc.y - info.inc.height;
  console.log(i, gap, info.url);
  if (gap > 16 || gap < 0) {
    console.log(info.html);
    await page.locator('#e-record_home_check-members-0-income').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/look/fail${i}.png` });
  }
  await page.context().close();
}
await browser.close();
