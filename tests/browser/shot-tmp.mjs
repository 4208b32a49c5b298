import { launchBrowser, startDemo, checkAccessibility } from './support.mjs';
const port = 18123;
const { server, output } = await startDemo(port);
const password = output.match(/as admin with the password (\S+)/)[1];
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/admin/login?lang=en`);
  await page.fill('#name', 'admin');
  await page.fill('#password', password);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/admin$/);
  for (const [url, id, out] of JSON.parse(process.env.SHOTS)) {
    await page.goto(`http://127.0.0.1:${port}${url}`);
    await checkAccessibility(page, url);
    const el = id ? page.locator(id).first() : page;
    await el.screenshot({ path: out, fullPage: !id });
    console.log('shot', out);
  }
} finally { await browser.close(); server.kill(); }
