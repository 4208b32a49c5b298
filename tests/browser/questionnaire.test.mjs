// The questionnaire in a real browser: Debian's Chromium driven by
// Playwright, every page type checked with axe-core for WCAG 2.1 A/AA.
//   KARTLA_BINARY=build/ci/src/cli/kartla node --test tests/browser/
// Starts `kartla demo` on a free port in a temporary folder, answers the ICT
// management questionnaire with JavaScript (by pointer) and again without
// JavaScript (by keyboard alone), and visits every page of the other
// questionnaires.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAccessibility, launchBrowser, openLink, startDemo } from './support.mjs';

const port = 19000 + (process.pid % 1000);
const base = `http://127.0.0.1:${port}`;
const links = {};  // "Target group/Organisation" -> link
let server;
let browser;
let demoDir;

before(async () => {
  let output;
  ({ server, output, dir: demoDir } = await startDemo(port));
  for (const line of output.split('\n')) {
    const match = line.match(/^(.+?)\s{2,}(.+?)\s{2,}(fi|sv|en)\s+(http\S+)$/);
    if (match) links[`${match[1].trim()}/${match[2].trim()}`] = match[4].replace(/^http:\/\/[^/]+/, base);
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
});

// On a 390 px phone a matrix does not scroll sideways: each row is its
// own group of buttons, each with its column's label beside it. (First,
// while Oulu's questionnaire is still unanswered; nothing is saved.)
test('a matrix on a phone is a group of buttons per row', async () => {
  const who = 'ICT management/Oulu';
  assert.ok(links[who], `no link for ${who}`);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(links[who]);
  // The start page on a phone, then its button to the first page.
  assert.match(page.url(), /\/q\/start$/);
  assert.ok(await page.$eval('main', (m) => m.scrollWidth <= m.clientWidth), 'it fits the phone');
  await checkAccessibility(page, 'the start page on a phone');
  await page.click('a.button');
  await page.waitForSelector('.matrix');
  const fits = await page.$eval('.matrix', (m) => m.scrollWidth <= m.clientWidth);
  assert.ok(fits, 'the matrix fits the phone');
  assert.ok(await page.isVisible('.matrix .cell-label >> nth=0'), 'labels beside the buttons');
  await page.click('.matrix tbody tr >> nth=1 >> .cell-label >> nth=2');
  assert.ok(await page.isChecked('.matrix tbody tr >> nth=1 >> input >> nth=2'), 'a label ticks its button');
  await checkAccessibility(page, 'a matrix on a phone');
  await context.close();
});

// A group of fields is one question: ICT staff in 2022, 2023 and 2024 sit
// in a fieldset whose legend is the group's label, in every language.
test('a group of fields is one question with its legend', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(links['ICT management/Oulu']);
  await page.goto(`${base}/q/page/2`);
  for (const [button, legend] of [['Suomeksi', 'ICT-henkilöstö henkilötyövuosina'],
                                  ['På svenska', 'IKT-personal i årsverken'],
                                  ['In English', 'ICT staff in person-years']]) {
    await page.click(`button:has-text("${button}")`);
    const group = page.locator('fieldset.field-group', { has: page.locator(`legend:text-is("${legend}")`) });
    assert.equal(await group.count(), 1, `${button}: the group's legend`);
    assert.equal(await group.locator('input[name^="staff_20"]').count(), 3, 'its three fields inside');
  }
  await checkAccessibility(page, 'a group of fields');
  // The printable questionnaire, linked from every page, in each language.
  await page.click('a[href="/q/print"]');
  for (const [button, section, when] of [
    ['Suomeksi', 'ICT-kustannukset ja resurssit', 'Vastaa, jos'],
    ['På svenska', 'IKT-kostnader och resurser', 'Svara om'],
    ['In English', 'ICT costs and resources', 'Answer if']]) {
    await page.click(`button:has-text("${button}")`);
    assert.match(page.url(), /\/q\/print$/);
    assert.ok(await page.isVisible(`h2:text-is("${section}")`), `${button}: ${section}`);
    assert.ok(await page.isVisible(`.print-condition:has-text("${when}")`), `${button}: ${when}`);
    await checkAccessibility(page, `the printable questionnaire (${button})`);
  }
  await context.close();
});

test('answers the ICT questionnaire with JavaScript, leaving and resuming midway', async () => {
  const link = links['ICT management/Helsinki'];
  assert.ok(link, `no ICT link in ${JSON.stringify(links)}`);
  let context = await browser.newContext();
  let page = await context.newPage();
  await page.goto(link);
  // A first visit: the start page says whose answers, how long, how saving
  // works, and the sections with their state.
  assert.match(page.url(), /\/q\/start$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'fi');
  assert.ok(await page.isVisible('dd:text-is("Helsinki")'));
  assert.ok(await page.isVisible('text=Vastauksesi tallentuvat sivu kerrallaan'));
  assert.equal(await page.locator('.section-todo').count(), 2, 'nothing started yet');
  await checkAccessibility(page, 'the start page in Finnish');
  await page.click('a.button:text-is("Aloita")');
  assert.match(page.url(), /\/q\/page\/1$/);
  await checkAccessibility(page, 'a page in Finnish with a matrix');
  await page.click('button:has-text("In English")');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.waitForSelector('text=Page 1 of 2');

  // Nothing answered: an error summary whose links lead to the fields.
  await page.click('button:has-text("Save and continue")');
  await page.waitForSelector('.error-summary');
  assert.match(await page.title(), /^Error: /);
  await checkAccessibility(page, 'the error state');
  // The page's script puts the focus on the error summary.
  assert.equal(await page.evaluate(() => document.activeElement.className), 'error-summary');
  await page.click('.error-summary a >> nth=0');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-arrangement_1');

  await page.check('#f-arrangement_1');  // own staff
  await page.check('#f-arrangement_2-regional');
  await page.check('#f-arrangement_3-bought');
  await page.check('#f-ict_responsible-shared');
  await page.check('#f-main_provider-other');
  await page.fill('#f-main_provider-other-text', 'Kuntayhtymä');
  await page.check('#f-maturity-4');
  await page.fill('#f-comments_2', 'A fine survey');
  await page.click('button:has-text("Save and continue")');
  await page.waitForURL(/\/q\/page\/2$/);
  await checkAccessibility(page, 'numbers, dates and a choice on one page');

  // Leave midway with "Continue later": what was typed is kept, and the
  // page says how to come back (and until when, where a stage is open:
  // the demo's closed in 2025 and it takes late answers).
  await page.fill('#f-investments', '300');
  await page.click('button:has-text("Continue later")');
  await page.waitForURL(/\/q\/later$/);
  assert.ok(await page.isVisible('h1:text-is("Your answers are saved")'));
  assert.ok(await page.isVisible('text=you will come back to page 2 of 2'));
  await checkAccessibility(page, 'continue later');
  // A new browser session resumes where the answers stopped, with a welcome.
  await context.close();
  context = await browser.newContext({ acceptDownloads: true });
  page = await context.newPage();
  await page.goto(link);
  assert.match(page.url(), /\/q\/page\/2\?welcome=1$/);
  // (in the invitation's language, Finnish)
  assert.ok(await page.isVisible('.notice >> text=Tervetuloa takaisin. Olit sivulla 2 / 2'));
  assert.equal(await page.inputValue('#f-investments'), '300');
  await checkAccessibility(page, 'welcome back');
  await page.click('button:has-text("In English")');

  await page.fill('#f-operating_costs', '1 250,5');  // as people type it
  await page.fill('#f-investments', '300');
  await page.fill('#f-staff_2024', '5');
  await page.fill('#f-time_maintenance', '40');
  await page.fill('#f-time_development', '30');
  await page.fill('#f-time_projects', '20');
  await page.fill('#f-time_management', '5');
  await page.check('#f-cost_change-grew_lot');
  // A date as day, month and year; the 31st of February is no date.
  await page.fill('#f-strategy_date', '31');
  await page.fill('#f-strategy_date-month', '2');
  await page.fill('#f-strategy_date-year', '2024');
  await page.click('button:has-text("Save and continue")');
  await page.waitForSelector('text=The shares must add up to 100.');
  assert.equal(await page.inputValue('#f-operating_costs'), '1,250.5');  // as English writes it
  assert.ok(await page.isVisible('#q-strategy_date >> text=Enter a real date'));
  assert.deepEqual(await Promise.all(['#f-strategy_date', '#f-strategy_date-month', '#f-strategy_date-year']
    .map((field) => page.inputValue(field))), ['31', '02', '2024'], 'as typed');
  await checkAccessibility(page, 'a date refused');
  await page.fill('#f-strategy_date', '1');
  await page.fill('#f-strategy_date-month', '5');
  // The page's valid answers were kept as a draft, "Grew a lot" among
  // them, so the question it reveals is on the page with the errors.
  assert.ok(await page.isVisible('.error-summary >> text=other answers are saved'));
  await page.fill('#f-cost_change_why', 'New systems');
  await page.fill('#f-time_management', '10');
  // Enter in a field saves and goes on, as "Save and continue" does (it
  // went back a page while "Back" was the form's first button).
  await page.press('#f-time_management', 'Enter');
  await page.waitForURL(/\/q\/review$/);
  await checkAccessibility(page, 'the review page');
  assert.ok(await page.isVisible('text=Kuntayhtymä'));

  // Change an answer from the review page.
  await page.click('a[href="/q/page/1"] >> nth=0');
  await page.waitForURL(/\/q\/page\/1$/);
  assert.ok(await page.isChecked('#f-maturity-4'));
  await page.check('#f-maturity-5');
  await page.click('button:has-text("Save and continue")');
  await page.waitForURL(/\/q\/page\/2$/);
  await page.click('button:has-text("Save and continue")');
  await page.waitForURL(/\/q\/review$/);

  await page.click('button:has-text("Submit your answers")');
  await page.waitForURL(/\/q\/receipt$/);
  assert.ok(await page.isVisible('text=Thank you for your answers'));
  await checkAccessibility(page, 'the receipt');
  await page.click('a:has-text("Your answers")');
  await page.waitForURL(/\/q\/answers$/);
  await checkAccessibility(page, 'own answers');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('a:has-text("Download the answers (CSV)")'),
  ]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /"maturity","Rate the maturity of ICT services \(1–5\)","5","5"/);
  assert.match(csv, /"operating_costs",".*","1,250.5","1250.5"/);
  assert.match(csv, /"strategy_date",".*","1 May 2024","2024-05-01"/);
  await context.close();
});

// Presses Tab until `selector` has the focus, as a keyboard user would.
async function tabTo(page, selector) {
  for (let i = 0; i < 400; i++) {
    if (await page.locator(`${selector}:focus`).count() > 0) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

// Chooses a radio button with the keyboard: Tab into its group, then arrow
// keys (which move and check) until it is the one.
async function chooseRadio(page, id) {
  const name = await page.getAttribute(`#${id}`, 'name');
  await tabTo(page, `input[name="${name}"]`);
  for (let i = 0; i < 20 && await page.locator(`#${id}:focus`).count() === 0; i++) {
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Space');
  assert.ok(await page.isChecked(`#${id}`), `${id} is chosen`);
}

async function typeInto(page, id, text) {
  await tabTo(page, `#${id}`);
  await page.keyboard.type(text);
}

async function pressButton(page, text) {
  await tabTo(page, `button:has-text("${text}")`);
  await page.keyboard.press('Enter');
  await page.waitForLoadState();
}

test('answers the ICT questionnaire by keyboard alone, without JavaScript', async () => {
  const link = links['ICT management/Oulu'];
  assert.ok(link);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(link);
  await pressButton(page, 'In English');
  // The start page's button, by keyboard.
  await tabTo(page, 'a.button:text-is("Start")');
  await page.keyboard.press('Enter');
  await page.waitForSelector('text=Page 1 of 2');
  await chooseRadio(page, 'f-arrangement_1');
  await chooseRadio(page, 'f-arrangement_2-national');
  await chooseRadio(page, 'f-arrangement_3-inter_municipal');
  await chooseRadio(page, 'f-ict_responsible-yes');
  await chooseRadio(page, 'f-main_provider-in_house');
  await chooseRadio(page, 'f-maturity-3');
  // Forgetting nothing required, but a bad number on the next page:
  await pressButton(page, 'Save and continue');
  await page.waitForURL(/\/q\/page\/2$/);
  await typeInto(page, 'f-operating_costs', 'lots');
  await typeInto(page, 'f-investments', '120');
  await typeInto(page, 'f-time_maintenance', '25');
  await typeInto(page, 'f-time_development', '25');
  await typeInto(page, 'f-time_projects', '25');
  await typeInto(page, 'f-time_management', '25');
  await chooseRadio(page, 'f-cost_change-same');
  await pressButton(page, 'Save and continue');
  await page.waitForSelector('.error-summary');
  assert.ok(await page.isVisible('text=Budgeted ICT operating costs 2025 (1000 €): Enter a number.'));
  // The error link is a keyboard path to the field.
  await tabTo(page, '.error-summary a');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');  // the summary link moved focus to the field's place
  await tabTo(page, '#f-operating_costs');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('980');
  await pressButton(page, 'Save and continue');
  await page.waitForURL(/\/q\/review$/);
  await pressButton(page, 'Submit your answers');
  await page.waitForURL(/\/q\/receipt$/);
  assert.ok(await page.isVisible('text=Thank you for your answers'));
  await page.goto(`${base}/q/answers`);
  assert.ok(await page.isVisible('text=980'));
  await context.close();
});

// Ticking "Otherwise" reveals "How otherwise?" on the same page: the page
// comes back showing it, not marking it as an error, and once it is
// filled one press of "Save and continue" goes on (it used to come back
// as an error, and then a second time, silently).
// Opens the chief executives' page that asks how the effects are
// measured (for `who`), with everything else it requires answered; its
// number.
async function measuringPage(page, who) {
  await openLink(page, links[who]);
  await page.click('button:has-text("In English")');
  let n = 1;
  for (; n < 10; n++) {
    await page.goto(`${base}/q/page/${n}`);
    if (await page.locator('#f-measure_effects-other').count() > 0) break;
  }
  assert.ok(n < 10, 'a page asks how the effects are measured');
  for (const name of await page.$$eval('input[type=radio]', (radios) => [...new Set(radios.map((r) => r.name))])) {
    await page.check(`input[type=radio][name="${name}"] >> nth=0`);
  }
  for (const box of await page.$$('input[type=checkbox][required], input[name="consent"]')) await box.check();
  return n;
}

test('a question an answer reveals is shown, not refused, and one press then goes on', async () => {
  for (const who of ['Chief executives/Porvoo', 'Chief executives/Helsinki']) {
    assert.ok(links[who], `no link for ${who}`);
  }
  // With the script: shown and hidden at once, as the server judges.
  let context = await browser.newContext();
  let page = await context.newPage();
  let n = await measuringPage(page, 'Chief executives/Porvoo');
  assert.ok(await page.isHidden('#f-measure_effects_other'), 'the follow-up is hidden');
  await page.check('#f-measure_effects-other');
  await page.waitForSelector('#f-measure_effects_other', { state: 'visible' });
  assert.match(page.url(), new RegExp(`/q/page/${n}$`), 'shown without leaving the page');
  await checkAccessibility(page, 'a question the script has just shown');
  await page.uncheck('#f-measure_effects-other');
  await page.waitForSelector('#f-measure_effects_other', { state: 'hidden' });
  await page.check('#f-measure_effects-other');
  await page.fill('#f-measure_effects_other', 'Citizen feedback');
  await page.click('button:has-text("Save and continue")');
  await page.waitForURL((url) => !url.pathname.endsWith(`/q/page/${n}`));
  assert.match(page.url(), /\/q\/(page\/\d+|review)$/, 'one press goes on');
  await page.goto(`${base}/q/page/${n}`);
  assert.equal(await page.inputValue('#f-measure_effects_other'), 'Citizen feedback');
  await context.close();

  // Without it: the page comes back with the question, which is no error.
  context = await browser.newContext({ javaScriptEnabled: false });
  page = await context.newPage();
  n = await measuringPage(page, 'Chief executives/Helsinki');
  assert.ok(await page.isHidden('#f-measure_effects_other'), 'the follow-up is hidden');
  await page.check('#f-measure_effects-other');
  assert.ok(await page.isHidden('#f-measure_effects_other'), 'no script: still hidden');
  await page.click('button:has-text("Save and continue")');
  await page.waitForSelector('#f-measure_effects_other', { state: 'visible' });
  assert.match(page.url(), new RegExp(`/q/page/${n}#q-measure_effects_other$`));
  assert.equal(await page.locator('.error-summary').count(), 0, 'revealing a question is no error');
  assert.doesNotMatch(await page.title(), /^Error/);
  await page.fill('#f-measure_effects_other', 'Citizen feedback');
  await page.click('button:has-text("Save and continue")');
  await page.waitForURL((url) => !url.pathname.endsWith(`/q/page/${n}`));
  assert.match(page.url(), /\/q\/(page\/\d+|review)$/);
  await context.close();
});

test('every page of the other questionnaires and the error pages pass axe', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const who of ['Chief executives/Helsinki', 'Sector management/Espoo',
                     'Administration management/Tampere']) {
    assert.ok(links[who], `no link for ${who}`);
    await page.goto(links[who]);
    await page.goto(`${base}/q/start`);
    await checkAccessibility(page, `${who}, the start page`);
    await page.goto(`${base}/q/page/1`);
    const pages = Number((await page.textContent('#progress')).match(/(\d+)\s*$/)[1]);
    for (let n = 1; n <= pages + 3; n++) {
      const response = await page.goto(`${base}/q/page/${n}`);
      if (!response.url().includes(`/q/page/${n}`)) continue;  // skipped, not shown
      await checkAccessibility(page, `${who}, page ${n}`);
    }
    // An error on a page of each questionnaire.
    await page.goto(`${base}/q/page/1`);
    await page.click('form[action^="/q/page/"] button[value="next"]');
    if (await page.locator('.error-summary').count() > 0) {
      await checkAccessibility(page, `${who}, errors`);
    }
  }
  for (const [address, status] of [['/r/not-a-link', 410], ['/no-such-page', 404], ['/', 200]]) {
    const response = await page.goto(`${base}${address}`);
    assert.equal(response.status(), status);
    await checkAccessibility(page, `the page ${address}`);
  }
  await context.close();
});

// A form written in Northern Sámi and English (tests/forms/pyxform), added
// to a round of the running demo with the command line, is answered in
// Sámi: the respondent picks Davvisámegillii from the form's two languages,
// reads and answers the questions in Sámi, gets the form's own message in
// Sámi, and every page passes axe.
test('a form in Northern Sámi and English is answered in Sámi', async () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const form = path.join(here, '..', 'forms', 'pyxform', 'sami-and-english.survey.csv');
  const kartla = (args) => execFileSync(process.env.KARTLA_BINARY, args,
                                        { cwd: demoDir, encoding: 'utf8' });
  kartla(['form', 'import', form]);
  kartla(['round', 'create', 'sami-2026', '--series', 'sami', '--title', 'en=Sámi survey',
          '--late-answers']);
  kartla(['round', 'add-questionnaire', 'sami-2026', 'sami_and_english',
          '--target-group', 'ict_management']);
  const printed = kartla(['invite', 'create', 'sami-2026', '--target-group', 'ict_management',
                          '--org', '091']);
  const link = printed.match(/http\S+\/r\/\S+/)[0].replace(/^http:\/\/[^/]+/, base);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  assert.match(page.url(), /\/q\/start$/);
  // The form's two languages are offered, not Finnish or Swedish.
  const offered = await page.locator('form.languages button').allTextContents();
  assert.deepEqual(offered, ['In English', 'Davvisámegillii']);
  await page.click('form.languages button[value="se"]');
  await page.waitForURL(/\/q\/start$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'se');
  assert.equal(await page.textContent('h1'), 'Gielddaid digitaliseren');
  await checkAccessibility(page, 'the Sámi start page');
  await page.click('a.button');
  await page.waitForURL(/\/q\/page\/1$/);
  assert.equal(await page.textContent('#f-strategy-legend'),
               'Leago gielddas digitaliserenstrategiija? *');
  // The interface's own words, for want of a Sámi catalogue, in English,
  // and marked as English.
  assert.equal(await page.getAttribute('.page-buttons', 'lang'), 'en');
  await checkAccessibility(page, 'the Sámi page');
  await page.check('#f-strategy-yes');
  await page.fill('#f-ict_staff', '-2');
  await page.click('button[value="next"]');
  await page.waitForSelector('.error-summary');
  assert.match(await page.textContent('.error-summary'), /Logu galgá leat 0 dahje eanet\./);
  await checkAccessibility(page, 'the Sámi page with an error');
  await page.fill('#f-ict_staff', '4');
  await page.fill('#f-plans', 'Bálvalusat neahtas');
  await page.click('button[value="next"]');
  await page.waitForURL(/\/q\/review$/);
  assert.match(await page.textContent('main'), /Juo/);
  await checkAccessibility(page, 'the Sámi review');
  await page.click('form[action="/q/submit"] button');
  await page.waitForURL(/\/q\/receipt$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'se');
  await checkAccessibility(page, 'the Sámi receipt');
  await context.close();
});

// Every valid form of the corpus written in pyxform's and XLSForm's syntax
// (tests/forms/pyxform), added to a round of the running demo, renders each
// of its pages in Chromium, its start page and its review, and each passes
// axe; filled in as a respondent would, each reaches its review.
test('every valid form of the pyxform corpus renders and passes axe in Chromium', async (t) => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const folder = path.join(here, '..', 'forms', 'pyxform');
  const refused = new Set(readFileSync(path.join(folder, 'expected.txt'), 'utf8').split('\n')
    .filter((line) => line && !line.startsWith('#')).map((line) => line.split('.')[0]));
  const stems = [...new Set(readdirSync(folder).filter((f) => f.endsWith('.csv'))
    .map((f) => f.split('.')[0]))].filter((stem) => !refused.has(stem)).sort();
  assert.ok(stems.length >= 40, `${stems.length} valid forms`);
  const kartla = (args) => execFileSync(process.env.KARTLA_BINARY, args,
                                        { cwd: demoDir, encoding: 'utf8' });
  const context = await browser.newContext();
  const page = await context.newPage();
  let pages = 0;
  for (const [n, stem] of stems.entries()) {
    const imported = kartla(['form', 'import', path.join(folder, `${stem}.survey.csv`)]);
    // "Imported form F version 1", or "Unchanged: form F version 1 …" for
    // one the Sámi test imported already.
    const formId = imported.match(/form (\S+) version/)[1];
    const round = `corpus-${n}`;
    kartla(['round', 'create', round, '--series', 'corpus', '--late-answers']);
    kartla(['round', 'add-questionnaire', round, formId, '--target-group', 'ict_management']);
    // The one-question form without choices is answered by two
    // organisations, and its table made: end to end.
    const endToEnd = stem === 'text-question';
    const printed = kartla(['invite', 'create', round, '--target-group', 'ict_management',
                            '--org', '091', ...(endToEnd ? ['--org', '049'] : []), '--lang', 'en']);
    const links = [...printed.matchAll(/http\S+\/r\/\S+/g)]
      .map((m) => m[0].replace(/^http:\/\/[^/]+/, base));
    for (const link of links) {
      await page.goto(link);
      await checkAccessibility(page, `${stem}: ${new URL(page.url()).pathname}`);
      await page.goto(`${base}/q/page/1`);
      // Through the pages as a respondent: each shown, checked, filled in.
      for (let step = 0; step < 40 && /\/q\/page\/\d+$/.test(page.url()); step++) {
        await checkAccessibility(page, `${stem}, ${new URL(page.url()).pathname}`);
        ++pages;
        await fillIn(page);
        const before = page.url();
        await page.click('form[action^="/q/page/"] button[value="next"]');
        await page.waitForLoadState();
        if (page.url() === before && await page.locator('.error-summary').count() > 0) {
          await checkAccessibility(page, `${stem}, ${new URL(page.url()).pathname} with errors`);
          assert.fail(`${stem}: the filled-in page was refused: ${await page.textContent('.error-summary')}`);
        }
      }
      assert.match(page.url(), /\/q\/review$/, `${stem} reached its review`);
      await checkAccessibility(page, `${stem}, the review`);
      await page.click('form[action="/q/submit"] button');
      await page.waitForURL(/\/q\/receipt$/);
      await checkAccessibility(page, `${stem}, the receipt`);
    }
    if (endToEnd) {
      const table = kartla(['stats', 'table', round, '--target-group', 'ict_management', '--k', '1']);
      assert.match(table, /2 respondents from 2 of 2 organisations/);
      t.diagnostic(table);
    }
  }
  assert.ok(pages >= stems.length, `${pages} pages`);
  t.diagnostic(`${stems.length} forms, ${pages} pages filled in, each page, start page and review clean`);
  await context.close();
});

// Fills in each empty question on the page with something its checks take:
// the first choice, a 1 for a number, a day for a date, a word for text.
async function fillIn(page) {
  await page.evaluate(() => {
    const done = new Set();
    for (const input of document.querySelectorAll('form[action^="/q/page/"] input, form[action^="/q/page/"] select, form[action^="/q/page/"] textarea')) {
      if (input.closest('[hidden]') || input.type === 'hidden' || done.has(input.name)) continue;
      if (input.type === 'radio' || input.type === 'checkbox') {
        if (!document.querySelector(`input[name="${CSS.escape(input.name)}"]:checked`)) input.checked = true;
        done.add(input.name);
      } else if (input.tagName === 'SELECT') {
        if (!input.value && input.options.length > 1) {
          // A rank: each position once; a dropdown: the first choice.
          const rank = input.name.includes('__rank__');
          const taken = rank ? [...document.querySelectorAll('select[name*="__rank__"]')]
            .map((s) => s.value).filter(Boolean) : [];
          const free = [...input.options].find((o) => o.value && !taken.includes(o.value));
          if (free) input.value = free.value;
        }
      } else if (!input.value) {
        if (input.name.endsWith('-day')) input.value = '15';
        else if (input.name.endsWith('-month')) input.value = '3';
        else if (input.name.endsWith('-year')) input.value = '2025';
        else if (input.inputMode === 'numeric' || input.inputMode === 'decimal' || input.type === 'number') input.value = '1';
        else input.value = 'Abc';
      }
    }
  });
}
