// Through Debian's nginx with the shipped configuration (deploy/nginx-safety-net.conf): TLS
// with a self-signed certificate, the server with SECURE_COOKIES=1 and TRUSTED_PROXIES set to
// nginx. A household files in Chromium, a township officer signs in and opens the filing.
// Run by scripts/e2e-behind-nginx.sh (BASE_URL is https://localhost:PORT).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, SAME_ORIGIN, launch, newPage, hydrated, fillReport, loginAs, uniqueIdNumber, uniqueMobile,
} from '../tests/helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('through nginx: a household files, an officer opens it, over TLS with HSTS and Secure cookies', async () => {
  assert.match(BASE_URL, /^https:\/\//, 'this journey runs behind nginx over HTTPS');
  const page = await newPage(browser);
  const home = await page.goto(`${BASE_URL}/`);
  assert.match(home.headers()['strict-transport-security'] ?? '', /max-age=31536000/, 'HSTS');
  assert.equal(home.headers().server, 'nginx', 'nginx answered (server_tokens off)');

  await page.goto(`${BASE_URL}/report`);
  await hydrated(page);
  const name = `经代理${Date.now() % 100000}`;
  await fillReport(page, { name, mobile: uniqueMobile(), id: uniqueIdNumber() });
  await page.getByRole('button', { name: '提交申报' }).click();
  await page.waitForURL(/\/report\/submitted\//);
  await page.getByTestId('tracking').waitFor();
  await page.context().close();

  // The officer without JavaScript: the sign-in form and the case page are plain HTML.
  const staff = await newPage(browser, { javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  await loginAs(staff, 'zhen-qingshi');
  await staff.goto(`${BASE_URL}/staff?tab=all`);
  await staff.getByRole('link', { name: new RegExp(name) }).first().click();
  await staff.getByRole('heading', { name: new RegExp(name) }).waitFor();
  const cookies = await staff.context().cookies();
  assert.ok(cookies.length > 0, 'a session cookie');
  for (const cookie of cookies) {
    assert.ok(cookie.secure, `${cookie.name} is Secure`);
    assert.ok(cookie.httpOnly, `${cookie.name} is HttpOnly`);
  }
  await staff.context().close();
});

test('through nginx: a spoofed X-Forwarded-For does not change the address the limits count', async () => {
  // Wrong passwords for one account: 5 tries at once per (account, address), then a wait. Each
  // try claims another address; nginx overwrites the header, so all count for 127.0.0.1 and
  // the sixth is refused for too many tries rather than answered "wrong password".
  const page = await newPage(browser);
  const answers = [];
  for (let i = 1; i <= 6; i += 1) {
    const response = await page.request.post(`${BASE_URL}/api/auth/login`, {
      form: { username: 'zhen-hekou', password: 'not-the-password' },
      headers: { accept: 'application/json', 'x-forwarded-for': `203.0.113.${i}`, ...SAME_ORIGIN },
    });
    answers.push(`${response.status()} ${await response.text()}`);
  }
  assert.ok(answers.slice(0, 5).every((a) => !a.startsWith('200')), answers.join('\n'));
  assert.notEqual(answers[5], answers[0], `the sixth try is limited:\n${answers.join('\n')}`);
  await page.context().close();
});
