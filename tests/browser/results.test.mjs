// The results site of the demo in a real browser: Debian's Chromium driven
// by Playwright, every page checked with axe-core for WCAG 2.1 A/AA (axe
// runs as a script), in three languages; the same walk with JavaScript off
// (the site is static pages); and the JSON API read with jsonstat-toolkit.
//   KARTLA_BINARY=build/ci/src/cli/kartla node --test tests/browser/results.test.mjs
// Starts `kartla demo` (made-up answers, stages 1 and 2 published as two
// versions), walks /results → front page → a section → a figure's table and
// a breakdown → the trends → the methods, and saves a screenshot of a
// section page (its path is printed; KARTLA_TEST_OUTPUT names the folder).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkAccessibility, launchBrowser, startDemo } from './support.mjs';

const require = createRequire(import.meta.url);
const JSONstat = require('jsonstat-toolkit');

const port = 19000 + (process.pid % 1000);
const base = `http://127.0.0.1:${port}`;
const round = 'digimapping-2025';
let server;
let browser;
let site;  // the latest release's address
let answered;  // the link of a respondent whose answers the demo made up
let answeredOrg;  // their organisation's code
let password;  // the administrator's
let demoDir;

before(async () => {
  let output;
  ({ server, output, dir: demoDir } = await startDemo(port));
  password = output.match(/as admin with the password (\S+)/)?.[1];
  answeredOrg = output.match(/A respondent who has answered \([^)]*organisation (\w+)\)/)?.[1];
  assert.ok(password && answeredOrg, `no password or organisation in:\n${output}`);
  site = output.match(/results of stages 1 and 2, published: http:\/\/[^/]+(\/results\/\S+)/)?.[1];
  assert.ok(site, `no results address in:\n${output}`);
  assert.equal(site, `/results/${round}/v2/`);
  answered = output.match(/A respondent who has answered[^:]*: http:\/\/[^/]+(\/r\/\S+)/)?.[1];
  assert.ok(answered, `no answered respondent's link in:\n${output}`);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
});

const words = {
  fi: { methods: 'Menetelmät', trends: 'Kehitys kierroksittain', figure: 'Kuvio', by: 'Jaottelu',
        leadership: 'Digitalisaation johtaminen' },
  sv: { methods: 'Metoder', trends: 'Utveckling mellan omgångarna', figure: 'Figur', by: 'Fördelning',
        leadership: 'Ledningen av digitaliseringen' },
  en: { methods: 'Methods', trends: 'Trends across rounds', figure: 'Figure', by: 'Breakdown',
        leadership: 'Leadership of digitalisation' },
};

for (const lang of ['fi', 'sv', 'en']) {
  test(`walks the results site in ${lang}, every page accessible`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The version's choice of language, the list of releases, then the
    // round's front page.
    await page.goto(`${base}${site}`);
    await checkAccessibility(page, "the release's choice of language");
    assert.equal(await page.locator(`a[href="${lang}/index.html"]`).count(), 1);
    await page.goto(`${base}/results?lang=${lang}`);
    await checkAccessibility(page, 'the list of releases');
    // The round once, its latest version linked, the earlier one beneath.
    assert.equal(await page.locator('ul.shelf > li').count(), 1, 'the round once');
    assert.ok(await page.locator(`ul.shelf details a[href="/results/${round}/v1/${lang}/index.html"]`).count() === 1);
    assert.equal(await page.locator('a[href="/api/v1"]').count(), 1);
    await page.click(`a[href="${site}${lang}/index.html"]`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    await checkAccessibility(page, 'the front page');
    const front = await page.textContent('main');
    assert.match(front, /1\. .+\n?.*2\. /s, 'the stages');
    // Two stages published, one coming; sections of both linked.
    const sections = await page.$$eval('ul.sections a', (links) => links.map((a) => a.href));
    assert.ok(sections.length >= 4, `sections: ${sections}`);

    // A section page: numbered figures with their tables and coverage.
    await page.goto(sections.find((href) => href.includes('chief_executives-8')) ?? sections[0]);
    await checkAccessibility(page, 'a section page');
    const firstFigure = await page.textContent('figure figcaption');
    assert.match(firstFigure, new RegExp(`^${words[lang].figure} 8\\.1: `));
    assert.match(await page.textContent('p.coverage'), /\d+ .* \d+ .*%/);
    const svg = page.locator('figure svg').first();
    assert.equal(await svg.getAttribute('role'), 'img');
    assert.ok((await svg.locator('title').textContent()).startsWith(firstFigure.trim()));
    assert.ok((await svg.locator('desc').textContent()).length > 10);
    // The table behind the figure: a caption naming it, row headers, cells.
    const table = page.locator('section.result').first().locator('table.data').first();
    assert.match(await table.locator('caption').textContent(), /8\.1/);
    assert.ok(await table.locator('tbody th[scope="row"]').count() >= 2);
    // A breakdown opens without JavaScript (details/summary); its cells
    // that would describe fewer than five respondents are "..".
    const breakdown = page.locator('section.result').first().locator('details').first();
    await breakdown.locator('summary').click();
    assert.match(await breakdown.locator('summary').textContent(), new RegExp(words[lang].by));
    assert.ok(await breakdown.locator('table.data tbody tr').count() >= 5);
    await checkAccessibility(page, 'a section page with a breakdown open');
    if (lang === 'en') {
      const folder = process.env.KARTLA_TEST_OUTPUT ?? path.join(tmpdir(), 'kartla-test-output');
      mkdirSync(folder, { recursive: true });
      const shot = path.join(folder, 'results-section.png');
      await page.screenshot({ path: shot, fullPage: true });
      console.log(`screenshot of a section page: ${shot}`);
    }

    // The trends: line charts across 2021 and 2025, with their tables.
    await page.click(`nav.results-nav a:text-is("${words[lang].trends}")`);
    await checkAccessibility(page, 'the trends page');
    assert.ok(await page.locator('figure svg path[stroke-width="2.5"]').count() >= 3);
    assert.match(await page.locator('table.data thead').first().textContent(), /2021[\s\S]*2025/);

    // The methods: fieldwork, response, representativeness, the rule.
    await page.click(`nav.results-nav a:text-is("${words[lang].methods}")`);
    await checkAccessibility(page, 'the methods page');
    const methods = await page.textContent('main');
    assert.match(methods, /R-indi[ck]a/);
    assert.match(methods, /\b5\b/);  // k
    // How each index is made: its questions and Cronbach's alpha.
    assert.ok(await page.locator('h4', { hasText: words[lang].leadership }).count() >= 1);
    assert.match(methods, /Cronbach/);
    // The language switch goes to the same page in the other language.
    const other = lang === 'fi' ? 'sv' : 'fi';
    await page.click(`nav.languages a[hreflang="${other}"]`);
    assert.equal(await page.getAttribute('html', 'lang'), other);
    assert.ok(page.url().endsWith(`/${other}/methods.html`));
    await context.close();
  });
}

// Read as the public would, at 1280 px and on a 390 px phone: nothing
// wider than the screen, figures whose text stays readable (they scroll),
// a breakdown as 100 % stacked bars with the whole set apart, a battery of
// items as one figure, numbers as the language writes them, a CSV that
// Excel opens, the API linked. Screenshots go to KARTLA_TEST_OUTPUT.
const decimal = { fi: /^\d+,\d$/, sv: /^\d+,\d$/, en: /^\d+\.\d$/ };
for (const width of [1280, 390]) {
  for (const lang of ['fi', 'sv', 'en']) {
    test(`reads well at ${width} px in ${lang}`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const folder = process.env.KARTLA_TEST_OUTPUT ?? path.join(tmpdir(), 'kartla-test-output');
      mkdirSync(folder, { recursive: true });
      const shot = (name) => path.join(folder, `results-${name}-${width}-${lang}.png`);
      const fits = async (what) => assert.ok(
        await page.evaluate(() => document.documentElement.scrollWidth) <= width,
        `${what} is wider than ${width} px`);

      await page.goto(`${base}${site}${lang}/index.html`);
      await checkAccessibility(page, 'the front page');
      await fits('the front page');
      assert.equal(await page.locator(`a[href="/api/v1/releases/${round}-v2/tables"]`).count(), 1);
      // Who publishes it, under what licence, and how to cite it.
      const facts = await page.textContent('dl.facts');
      assert.match(facts, /CC BY 4\.0/);
      assert.match(facts, new RegExp(`/results/${round}/v2/`));
      assert.equal(await page.locator('dl.facts a[href^="https://creativecommons.org/"]').count(), 1);
      // It leads with the settings' headline results: five cards (the
      // leadership index first), each a figure, what it says, its interval
      // and a link to the question; the costs per inhabitant in the
      // language's unit.
      const cards = page.locator('ul.headlines > li');
      assert.equal(await cards.count(), 5);
      assert.equal(await cards.nth(0).locator('a[href$="#q-leadership"]').count(), 1);
      for (let i = 0; i < 5; ++i) {
        assert.match(await cards.nth(i).locator('.headline-figure').textContent(), /\d/);
        assert.equal(await cards.nth(i).locator('a[href*=".html#q-"]').count(), 1);
      }
      const unit = { fi: '€ / asukas', sv: '€ / invånare', en: '€ per inhabitant' }[lang];
      assert.equal(await cards.nth(4).locator('.headline-unit').textContent(), unit);
      // The stages by their names in the language; every page's header
      // leads to every release.
      const stages = await page.$$eval('table.data tbody th', (ths) => ths.map((th) => th.textContent));
      assert.ok(stages.includes({ fi: '1. Johtaminen', sv: '1. Ledning', en: '1. Leadership' }[lang]),
                stages.join(' | '));
      assert.equal(await page.locator(`header a[href="/results?lang=${lang}"]`).count(), 1);
      await page.screenshot({ path: shot('front'), fullPage: true });

      // Each target group's questionnaire, as its respondents read it, to
      // print: linked from the table of who was asked, in the language.
      const questionnaires = page.locator('#asked-of + .table-scroll a[href^="questionnaire-"]');
      assert.equal(await questionnaires.count(), 4);
      await questionnaires.last().click();
      assert.equal(new URL(page.url()).pathname, `${site}${lang}/questionnaire-ict_management.html`);
      await checkAccessibility(page, 'a printable questionnaire');
      await fits('a printable questionnaire');
      assert.match(await page.textContent('h1'), /2025/);
      const printed = await page.locator('.print-question h3').count();
      assert.ok(printed > 10, `${printed} questions`);
      assert.equal(await page.locator('a[href="/q"]').count(), 0, 'no respondent\'s link');
      await page.goto(`${base}${site}${lang}/index.html`);

      // A battery: one figure of its items; the items keep their tables
      // and breakdowns but draw no figure of their own.
      await page.goto(`${base}${site}${lang}/chief_executives-1.html`);
      await checkAccessibility(page, 'a section with a battery');
      await fits('a section with a battery');
      const battery = page.locator('section.battery').first();
      assert.equal(await battery.locator('figure svg').count(), 1);
      const items = await battery.locator('table.data tbody tr').count();
      assert.ok(items >= 3, `${items} items`);
      const first = battery.locator('xpath=following-sibling::section[1]');
      assert.equal(await first.locator(':scope > figure').count(), 0, 'an item draws no figure');
      assert.ok(await first.locator('table.data').count() >= 1, 'an item keeps its table');
      await battery.screenshot({ path: shot('battery') });

      // Numbers as the language writes them, in every table of the page.
      const cells = await page.$$eval('table.data td', (tds) => tds.map((td) => td.textContent.trim()));
      const decimals = cells.filter((cell) => /^\d+[.,]\d$/.test(cell));
      assert.ok(decimals.length > 10, `${decimals.length} decimals`);
      for (const cell of decimals) assert.match(cell, decimal[lang]);

      // A breakdown by region: one 100 % stacked bar per line, the whole
      // set apart (bold, below a rule), hidden parts said as such.
      await page.goto(`${base}${site}${lang}/ict_management-2.html`);
      const byRegion = page.locator('details').nth(1);
      await byRegion.locator('summary').click();
      const chart = byRegion.locator('figure svg');
      const svg = await chart.evaluate((el) => el.outerHTML);
      assert.match(svg, /<g font-weight="bold">/, 'the whole set apart');
      assert.match(svg, /-hidden\)/, 'hidden parts as such');
      assert.match(svg, /#e69f00/, 'a colour-blind-safe palette');
      await checkAccessibility(page, 'a section with a breakdown open');
      await fits('a section with a breakdown open');
      if (width === 390) {
        // The figure keeps its text readable and scrolls instead.
        const shown = await chart.evaluate((el) => el.getBoundingClientRect().width);
        assert.ok(shown >= 600, `the figure is ${shown} px wide on a phone`);
      }
      await byRegion.scrollIntoViewIfNeeded();
      await byRegion.screenshot({ path: shot('breakdown') });

      // Costs per inhabitant: the figure says its unit, and the sentence
      // under it the mean, median, total and the figure per inhabitant.
      await page.goto(`${base}${site}${lang}/ict_management-3.html`);
      const costs = page.locator('#q-operating_costs');
      assert.ok((await costs.locator('figcaption').first().textContent()).endsWith(unit));
      assert.ok((await costs.locator('p', { hasText: unit }).count()) >= 1);
      await checkAccessibility(page, 'a section of amounts');
      await fits('a section of amounts');

      // The table's CSV for Excel: a byte order mark, and in Finnish and
      // Swedish ';' with decimal commas.
      const excel = await byRegion.locator('a[href$=".excel.csv"]').getAttribute('href');
      const bytes = await (await context.request.get(new URL(excel, page.url()).href)).body();
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      if (lang === 'en') {
        assert.match(text, /,\d+\.\d,/);
      } else {
        assert.match(text, /;\d+,\d;/);
        assert.doesNotMatch(text, /;\d+\.\d;/);
      }

      await page.goto(`${base}${site}${lang}/trends.html`);
      await fits('the trends');
      // No label of a trend chart overlaps another or is cut by its edge.
      const clashes = await page.$$eval('figure svg', (svgs) => svgs.flatMap((svg, f) => {
        const box = svg.getBoundingClientRect();
        const texts = [...svg.querySelectorAll('text')].map((t) => [t.textContent, t.getBoundingClientRect()]);
        const found = [];
        for (const [text, r] of texts) {
          if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 ||
              r.bottom > box.bottom + 0.5) found.push(`figure ${f + 1}: "${text}" is cut`);
        }
        for (let i = 0; i < texts.length; ++i) {
          for (let j = i + 1; j < texts.length; ++j) {
            const [a, p] = texts[i];
            const [b, q] = texts[j];
            const overlap = Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1 &&
                            Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 1;
            if (overlap) found.push(`figure ${f + 1}: "${a}" overlaps "${b}"`);
          }
        }
        return found;
      }));
      assert.deepEqual(clashes, []);
      // Every figure says the base of its shares or means.
      const bases = await page.$$eval('section.result > figure', (figures) =>
        figures.map((f) => f.nextElementSibling?.matches('p.note') ? f.nextElementSibling.textContent.trim() : ''));
      assert.ok(bases.length >= 3);
      for (const said of bases) assert.ok(said.length > 20, `a trend whose base is "${said}"`);
      await page.locator('figure').first().screenshot({ path: shot('trend') });
      await context.close();
    });
  }
}

// Printed, a section is a clean report: no navigation or downloads, the
// breakdowns' tables shown although folded on screen, every figure within
// an A4 page's width (718 px inside the margins), each question from the
// top of a page, and the source line with the page's address.
test('a section prints as a report', async () => {
  const context = await browser.newContext({ viewport: { width: 718, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${base}${site}en/ict_management-2.html`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('nav.results-nav').isVisible(), false);
  assert.equal(await page.locator('.downloads').first().isVisible(), false);
  const folded = page.locator('details').nth(1).locator('table');
  assert.equal(await folded.isVisible(), true, 'a breakdown folded on screen is printed');
  const widest = await page.$$eval('figure svg, table', (all) =>
    Math.max(...all.map((el) => el.getBoundingClientRect().right)));
  assert.ok(widest <= 718, `something printed is ${widest} px wide`);
  assert.equal(await page.locator('.result + .result').first().evaluate(
    (el) => getComputedStyle(el).breakBefore), 'page');
  assert.match(await page.locator('.print-only').first().textContent(),
               new RegExp(`${site}en/ict_management-2\\.html`));
  const folder = process.env.KARTLA_TEST_OUTPUT ?? path.join(tmpdir(), 'kartla-test-output');
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, 'results-section-print.png'), fullPage: true });
  await context.close();
});

test('works without JavaScript: sections, breakdowns, trends, methods', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  await page.goto(`${base}${site}`);
  await page.click('a[hreflang="sv"]');
  await page.waitForURL(/\/sv\/index\.html$/);
  await page.click('ul.sections a >> nth=0');
  const details = page.locator('details').first();
  assert.equal(await details.locator('table').isVisible(), false);
  await details.locator('summary').click();
  assert.equal(await details.locator('table').isVisible(), true);
  await page.click('nav.results-nav a[href="trends.html"]');
  assert.ok(await page.locator('figure svg').count() >= 3);
  await page.click('nav.results-nav a[href="methods.html"]');
  assert.match(await page.textContent('h1'), /Metoder/);
  await context.close();
});

test("a respondent sees their organisation's answers beside its peers'", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}${answered}`);  // the link opens a session
  await page.goto(`${base}/q/benchmark`);
  await checkAccessibility(page, 'the benchmark page');
  const heads = await page.$$eval('table.benchmark thead th', (cells) => cells.map((c) => c.textContent));
  assert.equal(heads.length, 5, heads.join(' | '));
  assert.match(heads[3], /: \S/, 'the size class is named');
  assert.match(heads[4], /: \S/, 'the region is named');
  const rows = await page.$$eval('table.benchmark tbody tr', (trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.ok(rows.length >= 10, `${rows.length} questions`);
  // Every published number of all organisations is shown; a peer group the
  // release suppresses is said to be too small, never given a number.
  for (const row of rows) {
    assert.match(row[2], /\d/, row.join(' | '));
    for (const cell of row.slice(3)) assert.ok(/\d/.test(cell) || cell.length > 3, cell);
  }
  // Where the organisation stands: its share of each choice drawn among
  // its peers', each amount placed in a quarter of theirs and beside their
  // figure per inhabitant; the regional line the release merged it into
  // named as the nearest wider group.
  assert.ok(await page.locator('table.benchmark svg.strip[aria-hidden="true"]').count() >= 10);
  const text = rows.map((row) => row.join(' | ')).join('\n');
  // (In the respondent's language: Alajärvi answers in Finnish.)
  assert.match(text, /(Vastauksenne|Ert svar|Your answer): \S+/);
  assert.match(text, /(€ \/ asukas|€ \/ invånare|€ per inhabitant) \((teillä|ni|yours) \d+\)/);
  assert.match(heads[4], /lähin laajempi ryhmä|närmaste bredare grupp|the nearest wider group/);
  const folder = process.env.KARTLA_TEST_OUTPUT ?? path.join(tmpdir(), 'kartla-test-output');
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, 'benchmark-1280.png'), fullPage: true });
  const csv = await (await context.request.get(`${base}/q/benchmark.csv`)).text();
  assert.equal(csv.trim().split('\n').length, rows.length + 1);
  // Printed for the board: the organisation named, the table within an A4
  // page's width (718 px inside the margins), the strips shrunk with it.
  assert.match(await page.textContent('h1'), /: \S/);
  await page.setViewportSize({ width: 718, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  const right = await page.locator('table.benchmark').evaluate((t) => t.getBoundingClientRect().right);
  assert.ok(right <= 718, `the printed table is ${right} px wide`);
  await page.screenshot({ path: path.join(folder, 'benchmark-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  // On a phone, and in Swedish and English.
  await page.setViewportSize({ width: 390, height: 900 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 390);
  for (const [code, title] of [['sv', 'Jämförelse med andra'], ['en', 'Compare with others']]) {
    await page.click(`form.languages button[value="${code}"]`);
    await page.goto(`${base}/q/benchmark`);
    assert.ok((await page.textContent('h1')).startsWith(title));
    await checkAccessibility(page, `the benchmark page in ${code} on a phone`);
    assert.ok(await page.locator('table.benchmark svg.strip').count() >= 10);
  }
  await context.close();
  // Without a session there is no benchmark.
  assert.notEqual((await fetch(`${base}/q/benchmark`, { redirect: 'manual' })).status, 200);
});

async function signIn(page, name, secret) {
  await page.goto(`${base}/admin/login?lang=en`);
  await page.fill('#name', name);
  await page.fill('#password', secret);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/admin$/);
}

test("the organisation's coordinator sees its comparison too, and only its own", async () => {
  // A coordinator of the organisation whose answers were made up.
  execFileSync(process.env.KARTLA_BINARY,
               ['user', 'add', 'carl', '--role', 'coordinator', '--org', answeredOrg],
               { cwd: demoDir, input: 'coordinator-secret-1\n' });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'carl', 'coordinator-secret-1');
  await page.click(`a[href="/admin/rounds/${round}/benchmark"]`);
  await checkAccessibility(page, "the coordinator's comparison");
  assert.ok(await page.locator('table.benchmark').count() >= 3, 'a table per questionnaire answered');
  const tables = await page.locator('table.benchmark caption').allTextContents();
  assert.ok(tables.includes('ICT management'), tables.join(' | '));
  // Asking for another organisation still shows only its own.
  await page.goto(`${base}/admin/rounds/${round}/benchmark?org=091`);
  assert.equal(await page.locator('table.benchmark').count(), tables.length);
  const csv = await context.request.get(
    `${base}/admin/rounds/${round}/benchmark.csv?group=ict_management`);
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /own answer/);
  await context.close();
  // The administrator chooses the organisation.
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, 'admin', password);
  await adminPage.goto(`${base}/admin/rounds/${round}/benchmark`);
  await checkAccessibility(adminPage, "the administrator's comparison form");
  await adminPage.fill('#org', answeredOrg);
  await adminPage.click('form.filters button');
  assert.equal(await adminPage.locator('table.benchmark').count(), tables.length);
  await admin.close();
});

test('serves every version immutably, and the API returns valid JSON-stat', async () => {
  // The first version (stage 1) stays, beside the second.
  const v1 = await fetch(`${base}/results/${round}/v1/manifest.json`);
  assert.equal(v1.status, 200);
  const manifest = await v1.json();
  assert.equal(manifest.stage, 1);
  const page = await fetch(`${base}/results/${round}/v2/en/index.html`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('cache-control'), /immutable/);
  const etag = page.headers.get('etag');
  const again = await fetch(`${base}/results/${round}/v2/en/index.html`,
                            { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  // The first version says that the second replaces it, and links to the
  // same page there; it is no longer cached for good.
  const old = await fetch(`${base}/results/${round}/v1/fi/methods.html`);
  assert.equal(old.status, 200);
  assert.match(old.headers.get('cache-control'), /no-cache/);
  const oldPage = await old.text();
  assert.match(oldPage, /Tämä on julkaisun versio 1\. Versio 2 \([^)]+\) korvaa sen/);
  assert.ok(oldPage.includes(`href="/results/${round}/v2/fi/methods.html"`), 'a link to v2');
  const revalidated = await fetch(`${base}/results/${round}/v1/fi/methods.html`,
                                  { headers: { 'If-None-Match': old.headers.get('etag') } });
  assert.equal(revalidated.status, 304);
  // Only the manifest's files are served.
  assert.equal((await fetch(`${base}/results/${round}/v1/..%2F..%2Fkartla.db`)).status, 404);
  assert.equal((await fetch(`${base}/results/${round}/v9/`)).status, 404);

  const releases = await (await fetch(`${base}/api/v1/releases`)).json();
  assert.deepEqual(releases.map((r) => [r.id, r.stage]), [[`${round}-v1`, 1], [`${round}-v2`, 2]]);
  const listed = await (await fetch(`${base}${releases[1].tables}`)).json();
  assert.ok(listed.tables.length > 20);
  const entry = listed.tables.find((t) => t.id.endsWith('.ict_management.maturity'));
  assert.deepEqual(entry.breakdowns.sort(), ['region', 'size_class']);
  // The API's root says what it offers, as JSON; the front page links to it.
  for (const root of ['/api/v1', '/api/v1/']) {
    const index = await fetch(`${base}${root}`);
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type'), /application\/json/);
    const links = (await index.json()).links;
    assert.deepEqual(links.map((l) => l.rel), ['releases', 'tables', 'table']);
  }
  const front = await (await fetch(`${base}/results/${round}/v2/fi/index.html`)).text();
  assert.ok(front.includes(`href="/api/v1/releases/${round}-v2/tables"`), 'the front page links to the API');
  for (const lang of ['fi', 'sv', 'en']) {
    const response = await fetch(`${base}/api/v1/tables/${entry.id}?breakdown=size_class&lang=${lang}`);
    assert.equal(response.status, 200);
    const dataset = JSONstat(await response.json());
    assert.equal(dataset.class, 'dataset');
    assert.deepEqual(dataset.id, ['line', 'measure']);
    assert.equal(dataset.Dimension('line').id.at(-1), 'total');
  }
  const missing = await fetch(`${base}/api/v1/tables/${round}.ict_management.nothing`);
  assert.equal(missing.status, 404);
  assert.match((await missing.json()).error, /no table/);
  assert.equal((await fetch(`${base}/api/v1/tables/${entry.id}?lang=de`)).status, 400);
});
