import { launchBrowser, startDemo, checkAccessibility } from './support.mjs';
const port = 18123;
const { server } = await startDemo(port).catch(async (e) => { console.log(e.message); process.exit(1); });
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const [url, id, out] of JSON.parse(process.env.SHOTS)) {
    await page.goto(`http://127.0.0.1:${port}${url}`);
    await checkAccessibility(page, url);
    const el = id ? page.locator(id).first() : page;
    await el.screenshot({ path: out, fullPage: !id });
    console.log('shot', out);
  }
} finally { await browser.close(); server.kill(); }
