import { launchBrowser, startDemo } from './support.mjs';
const port = 18777;
const base = `http://127.0.0.1:${port}`;
const { server, output } = await startDemo(port, ['--fieldwork-only']);
const password = output.match(/as admin with the password (\S+)/)?.[1];
const browser = await launchBrowser();
try {
  for (const [width, lang] of [[1280, 'fi'], [390, 'sv'], [390, 'en'], [1280, 'en']]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/admin/login?lang=${lang}`);
    await page.fill('#name', 'admin');
    await page.fill('#password', password);
    await page.click('form button');
    await page.waitForURL(`${base}/admin`);
    const rounds = await page.$$eval('a[href^="/admin/rounds/"]', (as) => as.map((a) => a.getAttribute('href')));
    const round = rounds[0].split('/')[3];
    await page.goto(`${base}/admin/rounds/${round}/mail?kind=reminder&group=ict_management&org=091`);
    await page.screenshot({ path: `/tmp/shots/mail-${width}-${lang}.png`, fullPage: true });
    await page.goto(`${base}/admin/rounds/${round}/invitations`);
    await page.click('form[action$="/invite"] button');
    await page.screenshot({ path: `/tmp/shots/confirm-${width}-${lang}.png`, fullPage: false });
    await context.close();
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
