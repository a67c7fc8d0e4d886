// Benchmark, not a test: loads /report on "Slow 3G" with the CPU slowed 4x, empty cache, and
// prints when the form is usable (HTML and CSS in: it works as a plain form) and when the live
// checks are active (the island hydrated). Usage, against a running server (a release site):
//   BASE_URL=http://127.0.0.1:3000 node end2end/bench/report_slow3g.mjs [runs]
import { launch, newPage, BASE_URL } from '../tests/helpers.mjs';

// Chromium DevTools' "Slow 3G" preset: 400 kbit/s down, 400 kbit/s up, 2 s round trip.
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: 50 * 1024, uploadThroughput: 50 * 1024 };
const runs = Number(process.argv[2] ?? 3);

const browser = await launch();
const results = [];
for (let i = 0; i < runs; i += 1) {
  const page = await newPage(browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  const start = Date.now();
  await page.goto(`${BASE_URL}/report`, { waitUntil: 'domcontentloaded', timeout: 180000 });
  // Usable: the form is there and styled (the stylesheet is render-blocking).
  await page.waitForFunction(() => document.styleSheets.length > 0 && document.querySelector('form.report-form'));
  const usable = Date.now() - start;
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 180000 });
  const live = Date.now() - start;
  results.push({ usable, live, bytes });
  console.log(`run ${i + 1}: form usable ${(usable / 1000).toFixed(1)} s, live checks ${(live / 1000).toFixed(1)} s, ${(bytes / 1024).toFixed(1)} KB`);
  await page.context().close();
}
await browser.close();
const median = (key) => results.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
console.log(`median: form usable ${(median('usable') / 1000).toFixed(1)} s, live checks ${(median('live') / 1000).toFixed(1)} s`);
