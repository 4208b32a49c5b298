// The survey team's workspace in a real browser: Debian's Chromium driven by
// Playwright, with JavaScript off (the pages need none), every page checked
// with axe-core for WCAG 2.1 A/AA, in three languages.
//   KARTLA_BINARY=build/ci/src/cli/kartla node --test tests/browser/
// Starts `kartla demo --fieldwork-only` (every municipality invited, nobody
// has answered, an administrator made),
// signs in with the printed password, answers as one respondent, and follows
// the round on the dashboard; passes an invitation on; previews reminders.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { answerIctManagement, checkAccessibility, launchBrowser, openLink, startDemo } from './support.mjs';

const port = 17000 + (process.pid % 1000);
const base = `http://127.0.0.1:${port}`;
const round = 'digimapping-2025';
let password;
let ictLink;
let server;
let browser;

before(async () => {
  let output;
  ({ server, output } = await startDemo(port, ['--fieldwork-only']));
  password = output.match(/as admin with the password (\S+)/)?.[1];
  ictLink = output.match(/^ICT management\s{2,}Oulu\s{2,}fi\s+http:\/\/[^/]+(\/r\/\S+)$/m)?.[1];
  assert.ok(password && ictLink, `no password or link in:\n${output}`);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
});

async function signIn(page, name, secret, lang = 'en') {
  await page.goto(`${base}/admin/login?lang=${lang}`);
  await page.fill('#name', name);
  await page.fill('#password', secret);
  await page.keyboard.press('Enter');
}

test('signs in, follows an answer onto the dashboard, and every workspace page passes axe', { skip: !!process.env.KARTLA_ONLY_PHONE },
     async () => {
  // Axe is injected by the test itself; the pages run no script of their own.
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();

  // A wrong password: the same refusal as for an unknown account.
  await signIn(page, 'admin', 'not-the-password');
  await page.waitForSelector('.error-summary');
  await checkAccessibility(page, 'the sign-in page with an error');
  await signIn(page, 'admin', password);
  await page.waitForURL(`${base}/admin`);
  assert.match(await page.textContent('main'), /signed in as admin/);
  await checkAccessibility(page, 'the workspace');

  // One respondent answers the first page and submits.
  const respondent = await browser.newContext({ javaScriptEnabled: false });
  const answer = await respondent.newPage();
  await openLink(answer, `${base}${ictLink}`);
  await answerIctManagement(answer);
  await respondent.close();

  await page.click('a[href$="/monitor"]');
  await page.waitForURL(/\/monitor$/);
  // Unfiltered, the headline is each target group's coverage.
  assert.match(await page.textContent('.coverage'),
               /ICT management: answered by 1 of 308 organisations \(0 %\), 0 % of all mainland municipalities/);
  assert.match(await page.textContent('.coverage'), /Chief executives: answered by 0 of 308/);
  await checkAccessibility(page, 'the dashboard with its chart');
  await page.selectOption('#target_group', 'ict_management');
  await page.click('form.filters button >> nth=0');
  await page.waitForURL(/target_group=ict_management/);
  assert.match(await page.textContent('.coverage'), /^answered by 1 of 308/);
  await page.selectOption('#category', 'region:19');
  await page.click('form[action$="#unanswered"] button');
  await page.waitForURL(/category=region%3A19/);
  assert.match(await page.textContent('main'), /organisations have not answered yet/);
  await checkAccessibility(page, 'the dashboard filtered by region');

  // In Finnish and Swedish too.
  for (const lang of ['fi', 'sv']) {
    await page.goto(`${base}/admin/rounds/${round}/monitor?lang=${lang}`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    await checkAccessibility(page, `the dashboard in ${lang}`);
  }
  await page.goto(`${base}/admin?lang=en`);

  // Invitations: preview reminders, pass one invitation on to a colleague.
  await page.goto(`${base}/admin/rounds/${round}/invitations`);
  await page.check('#unopened');
  await page.click('button[value="preview"]');
  assert.match(await page.textContent('#reminder-preview caption'), /^\d+ recipients would get a reminder/);
  await checkAccessibility(page, 'the reminder preview');
  // The answers of the organisation that submitted, read-only.
  await page.goto(`${base}/admin/rounds/${round}/invitations?state=submitted`);
  await page.click('td.actions a[href$="/response"]');
  assert.match(await page.textContent('h1'), /^Answers: Oulu – ICT management$/);
  assert.match(await page.textContent('main'), /Submitted .*, reference /);
  assert.equal(await page.locator('main input[type="radio"], main input[type="text"]').count(), 0);
  for (const lang of ['fi', 'sv', 'en']) {
    await page.goto(`${page.url().split('?')[0]}?lang=${lang}`);
    await checkAccessibility(page, `one organisation's answers in ${lang}`);
  }
  await page.goto(`${base}/admin/contacts`);
  await checkAccessibility(page, 'the contacts');
  // A national round's contacts: a page of 50, a search, the next page.
  assert.match(await page.textContent('main p[role="status"]'), /^Showing 1–50 of 1,232 found$/);
  assert.equal(await page.locator('table.list tbody tr').count(), 50);
  await page.click('a[rel="next"]');
  await page.waitForURL(/page=2$/);
  assert.match(await page.textContent('.pager'), /Page 2 of 25/);
  await page.fill('#q', 'HELSINKI');
  await page.selectOption('#role-filter', 'ict_management');
  await page.click('form.search button');
  await page.waitForURL(/q=HELSINKI&role=ict_management/);
  assert.match(await page.textContent('main p[role="status"]'), /^Showing 1–1 of 1 found$/);
  assert.match(await page.textContent('table.list tbody'), /Helsinki \(091\).*ICT management/s);
  assert.match(await page.getAttribute('a[download]', 'href'),
               /^\/admin\/contacts\.csv\?q=HELSINKI&role=ict_management$/);
  await checkAccessibility(page, 'the contacts found by a search');
  // One contact added through the form; a faulty one is refused first.
  await page.selectOption('#new-organisation', '091');
  await page.fill('#new-name', 'Kalle Kollega');
  await page.fill('#new-email', 'kalle at hel.fi');
  await page.selectOption('#new-role', 'ict_management');
  await page.click('form[action="/admin/contacts/add"] button');
  await page.waitForSelector('.error-summary');
  assert.match(await page.textContent('.error-summary'), /is not an email address/);
  assert.equal(await page.inputValue('#new-name'), 'Kalle Kollega');
  await checkAccessibility(page, 'the contacts with a refused new contact');
  await page.fill('#new-email', 'kalle@hel.fi');
  await page.click('form[action="/admin/contacts/add"] button');
  assert.match(await page.textContent('.notice'), /Contact added to 091/);
  for (const lang of ['fi', 'sv']) {
    await page.goto(`${base}/admin/contacts?lang=${lang}&q=kalle`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.match(await page.textContent('main p[role="status"]'),
                 lang === 'fi' ? /^Näytetään 1–1 \/ 1 löydettyä$/ : /^Visar 1–1 av 1 hittade$/);
    await checkAccessibility(page, `the contacts in ${lang}`);
  }
  await page.goto(`${base}/admin/contacts?lang=en`);
  await page.fill('#csv', 'organisation,name,email,role\n091,Kaisa Kollega,kaisa@hel.fi,ict_management\n');
  await page.click('form[action="/admin/contacts"][method="post"] button');
  assert.match(await page.textContent('.notice'), /1 contacts added/);
  await page.goto(`${base}/admin/rounds/${round}/invitations`);
  await page.fill('#org', '091');
  await page.click('form[action$="/invitations"] button');
  await page.waitForURL(/org=091/);
  const row = page.locator('tr', { has: page.locator('option', { hasText: 'Kaisa Kollega' }) })
    .filter({ hasText: 'ICT management' }).first();
  await row.locator('select').selectOption({ label: 'Kaisa Kollega <kaisa@hel.fi>' });
  await row.locator('button', { hasText: 'Pass on' }).click();
  assert.match(await page.textContent('.notice'), /Invitation passed on/);
  await checkAccessibility(page, 'the invitations');

  await page.goto(`${base}/admin/contacts/1`);
  await checkAccessibility(page, 'a contact');
  await page.fill('#email', 'not an address');
  await page.click('form[action="/admin/contacts/1"] button');
  await page.waitForSelector('.error-summary');
  await checkAccessibility(page, 'a contact with an error');
  await page.goto(`${base}/admin/users`);
  await page.fill('#name', 'anna.analyst');
  await page.fill('#password', 'a-long-enough-password');
  await page.selectOption('#role', 'analyst');
  await page.click('form[action="/admin/users"] button');
  assert.match(await page.textContent('.notice'), /User anna.analyst added/);
  await checkAccessibility(page, 'the users');
  // Disabling a user: a button on their row, and the row says so.
  await page.click('tr:has(th:text-is("anna.analyst")) form[action="/admin/users/state"] button');
  assert.match(await page.textContent('tr:has(th:text-is("anna.analyst"))'), /Disabled/);
  await checkAccessibility(page, 'the users with one disabled');
  // And enabled again (she signs in below).
  await page.click('tr:has(th:text-is("anna.analyst")) form[action="/admin/users/state"] button');
  assert.match(await page.textContent('tr:has(th:text-is("anna.analyst"))'), /Active/);
  // Her role changed to a coordinator of Helsinki, and back.
  const anna = 'tr:has(th:text-is("anna.analyst"))';
  await page.selectOption(`${anna} select[name="role"]`, 'coordinator');
  await page.fill(`${anna} input[name="organisation"]`, '091');
  await page.click(`${anna} form[action="/admin/users/role"] button`);
  assert.match(await page.textContent('.notice'), /User anna.analyst has a new role/);
  assert.match(await page.textContent(anna), /coordinator, 091/);
  await checkAccessibility(page, 'the users after a change of role');
  await page.selectOption(`${anna} select[name="role"]`, 'analyst');
  await page.click(`${anna} form[action="/admin/users/role"] button`);
  assert.match(await page.textContent(anna), /analyst/);
  // Her address, for a link to set a password (mailed by the button that
  // then appears; AdminTest mails one through a real SMTP server).
  await page.fill(`${anna} input[name="email"]`, 'not an address');
  await page.click(`${anna} form[action="/admin/users/email"] button`);
  assert.match(await page.textContent('.error-summary'), /not an address is not an email address/);
  await page.fill(`${anna} input[name="email"]`, 'anna@team.example');
  await page.click(`${anna} form[action="/admin/users/email"] button`);
  assert.match(await page.textContent('.notice'), /Saved/);
  assert.equal(await page.locator(`${anna} form[action="/admin/users/password-link"]`).count(), 1);
  await checkAccessibility(page, 'the users with an address');
  // A link that is none: the same "not found" as a used or expired one.
  const stranger = await browser.newContext({ javaScriptEnabled: false });
  const nowhere = await stranger.newPage();
  assert.equal((await nowhere.goto(`${base}/admin/password/not-a-link`)).status(), 404);
  await stranger.close();
  await page.goto(`${base}/admin/audit`);
  assert.match(await page.textContent('main'), /invitation\.forward/);
  await checkAccessibility(page, 'the audit log');

  // The setup pages, in three languages; an organisation refused, then added.
  for (const lang of ['fi', 'sv', 'en']) {
    for (const [where, what] of [['/admin', 'the home page'],
                                 ['/admin/registry', 'the registry'], ['/admin/forms', 'the forms'],
                                 ['/admin/rounds', 'the rounds'],
                                 [`/admin/rounds/${round}`, 'a round'],
                                 [`/admin/rounds/${round}/outbox`, 'the outbox'],
                                 [`/admin/rounds/${round}/mail`, 'the mail page'],
                                 [`/admin/rounds/${round}/release`, 'the release page'],
                                 [`/admin/rounds/${round}/questionnaires/ict_management/preview`,
                                  'a questionnaire as its respondents read it']]) {
      await page.goto(`${base}${where}?lang=${lang}`);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      await checkAccessibility(page, `${what} in ${lang}`);
    }
  }
  // The team tries the questionnaire by a test link, in Finnish for
  // Espoo: every respondent's page says its answers never count; the
  // preview then counts the link, and deletes it.
  const preview = `${base}/admin/rounds/${round}/questionnaires/ict_management/preview`;
  await page.goto(`${preview}?lang=fi`);
  await page.selectOption('#test-organisation', '049');
  await page.selectOption('#test-language', 'fi');
  await page.click('form[action$="/test"] button');
  await page.waitForURL(/\/q/);
  assert.match(await page.textContent('.test-banner'), /Testitila\. Näitä vastauksia ei koskaan lasketa/);
  assert.match(await page.textContent('main'), /Espoo/);
  await checkAccessibility(page, 'a test link\'s first page in fi');
  await page.goto(`${base}/q/page/1`);
  assert.equal(await page.locator('.test-banner').count(), 1);
  await checkAccessibility(page, 'a test link\'s questions in fi');
  await page.goto(`${preview}?lang=en`);
  assert.match(await page.textContent('#test-heading + p + form + p'), /Test links of this round: 1;/);
  await page.click('form[action$="/test-links/delete"] button');
  assert.match(await page.textContent('.notice'), /Test links and their answers deleted: 1\./);
  await checkAccessibility(page, 'the preview after deleting test links');
  // The responses downloaded from the round's page: the SPSS file, and
  // the audit log says so.
  await page.goto(`${base}/admin/rounds/${round}`);
  await page.selectOption('#export-group', 'ict_management');
  await page.check('#export-sav');
  const [download] = await Promise.all([page.waitForEvent('download'),
                                        page.click('form[action$="/responses"] button')]);
  assert.equal(download.suggestedFilename(), `${round}.ict_management.sav`);
  await page.goto(`${base}/admin/audit`);
  assert.match(await page.textContent('main'), /microdata\.export/);
  // The round's personal data ends on a day after its last stage: too early
  // a day refused, named and kept; the first allowed one saved.
  await page.goto(`${base}/admin/rounds/${round}`);
  assert.match(await page.textContent('#retention'), /are erased and its links stop working on/);
  await page.fill('#erase-on', '2020-01-01');
  await page.click('form[action$="/retention"] button');
  assert.match(await page.textContent('.error-summary'), /Day of erasure: .* at the earliest/);
  assert.equal(await page.inputValue('#erase-on'), '2020-01-01');
  await checkAccessibility(page, 'a round with a refused day of erasure');
  const first = await page.getAttribute('#erase-on', 'min');
  await page.fill('#erase-on', first);
  await page.click('form[action$="/retention"] button');
  assert.match(await page.textContent('.notice'), /Saved/i);
  assert.match(await page.textContent('#retention'), /are erased and its links stop working on/);
  // One person erased on request, confirmed first.
  await page.goto(`${base}/admin/contacts/2`);
  await page.click('form[action$="/erase"] button');
  assert.match(await page.textContent('.error-summary'), /Confirm the erasure/);
  await page.check('#confirm-erase');
  await page.click('form[action$="/erase"] button');
  assert.match(await page.textContent('.notice'), /The person's data is erased; links revoked: \d/);
  assert.equal((await page.goto(`${base}/admin/contacts/2`)).status(), 404);
  await page.goto(`${base}/admin/audit`);
  assert.match(await page.textContent('main'), /contact\.erase/);
  assert.match(await page.textContent('main'), /round\.retention/);
  // A release from the page: settings refused at their line, then kept; a
  // version built while one response is there would leave every
  // questionnaire out: refused, saying why (AdminTest publishes one from
  // two dozen).
  await page.goto(`${base}/admin/rounds/${round}/release`);
  await page.fill('#release-settings', '[disclosure]\nk = 0\n');
  await page.click('form[action$="/release/settings"] button');
  assert.match(await page.textContent('.error-summary'), /results\.toml:2:5: error: disclosure\.k/);
  await checkAccessibility(page, 'the release page with refused settings');
  await page.fill('#release-settings', '[disclosure]\nk = 5\n');
  await page.click('form[action$="/release/settings"] button');
  assert.match(await page.textContent('.notice'), /Saved/);
  await page.selectOption('#release-stage', '1');
  await page.click('form[action$="/release/preview"] button');
  assert.match(await page.textContent('main'),
               /nothing to publish: no questionnaire of \S+ has 2 submitted answers yet/);
  await checkAccessibility(page, 'the release page refusing an empty release');
  await page.goto(`${base}/admin/audit`);
  assert.match(await page.textContent('main'), /release\.settings/);
  await page.goto(`${base}/admin/registry`);
  await page.fill('#q', 'närpes');
  await page.click('form.filters button');
  assert.match(await page.textContent('caption'), /^Showing 1 of 308 organisations/);
  await page.fill('#org-code', '091');
  await page.fill('#org-name-fi', 'Toinen Helsinki');
  await page.click('form[method="post"][action="/admin/registry"] button');
  assert.match(await page.textContent('.error-summary'), /The code 091 is in the registry already/);
  await checkAccessibility(page, 'the registry with an error');
  await page.fill('#org-code', 'JA1');
  await page.selectOption('#org-kind', 'joint-authority');
  await page.fill('#org-name-fi', 'Esimerkin kuntayhtymä');
  await page.click('form[method="post"][action="/admin/registry"] button');
  assert.match(await page.textContent('.notice'), /Organisation JA1 added/);

  // The analyst sees monitoring but not contacts.
  const other = await browser.newContext();
  const analyst = await other.newPage();
  await signIn(analyst, 'anna.analyst', 'a-long-enough-password');
  await analyst.waitForURL(`${base}/admin`);
  const refused = await analyst.goto(`${base}/admin/contacts`);
  assert.equal(refused.status(), 403);
  await checkAccessibility(analyst, 'a refusal');
  await analyst.goto(`${base}/admin`);
  await analyst.click('button:has-text("Sign out")');
  await analyst.waitForURL(/\/admin\/login$/);
  await other.close();
  await context.close();
});

// On a 390 px phone the long lists of the workspace are cards, one per
// row, each cell with its column's name: nothing scrolls sideways.
test('the contacts and the invitations fit a phone', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, 'admin', password);
  await page.waitForURL(`${base}/admin`);
  // The home page: where each round stands, in a card that fits.
  assert.match(await page.textContent('.round-state'), /ICT management: 1 of 308 \(0 %\)/);
  assert.match(await page.textContent('.round-state'), /\d[\d,]* waiting, \d+ sent, 0 failed/);
  assert.ok(await page.$eval('main', (m) => m.scrollWidth <= m.clientWidth), 'the home page fits');
  await checkAccessibility(page, 'the home page on a phone');
  if (process.env.KARTLA_SCREENSHOTS) {
    await page.screenshot({ path: `${process.env.KARTLA_SCREENSHOTS}/home-390-en.png`, fullPage: true });
  }
  for (const [where, what] of [['/admin/contacts', 'the contacts'], ['/admin/users', 'the users'],
                               [`/admin/rounds/${round}/invitations?org=091`, 'the invitations']]) {
    for (const lang of ['fi', 'sv', 'en']) {
      await page.goto(`${base}${where}${where.includes('?') ? '&' : '?'}lang=${lang}`);
      if (process.env.KARTLA_SCREENSHOTS) {
        await page.screenshot({ path: `${process.env.KARTLA_SCREENSHOTS}/${what.replace(/ /g, '-')}-390-${lang}.png`,
                                fullPage: true });
      }
      const wide = await page.$$eval('main *', (all) => all
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((e) => `${e.tagName}.${e.className}`).slice(0, 5));
      assert.deepEqual(wide, [], `${what} in ${lang} fit the phone`);
      assert.ok(await page.$eval('table.list tbody tr', (row) => getComputedStyle(row).display === 'block'),
                `${what}: a row is a card`);
      await checkAccessibility(page, `${what} on a phone in ${lang}`);
    }
  }
  await context.close();
});
