// A round's fieldwork from an empty workspace, all of it in the browser:
// the administrator signs in, uploads an example form, creates a round,
// addresses the questionnaire and sets its stage, imports contacts for 20
// organisations, previews the invitation, writes the round's own wording,
// mails itself a test and sends the invitations, confirmed, to a real SMTP
// server (Debian's aiosmtpd). One message is read and its link followed and answered; the
// dashboard then shows 1 of 20, and reminders go to the 19 others only.
// Two colleagues of one organisation share its response: the second asks,
// the first is mailed, agrees, and the second goes on from the answers.
// A second organisation answers; Espoo's response is viewed (fi, sv, en)
// and reopened, and submitted again by its respondent; the responses are
// exported; a release is previewed (refused under k = 5, said before
// anything is published), the round's settings changed, previewed again,
// its site opened, published and served; a person is erased on request.
// Every workspace page of the walk is then opened again in Finnish and in
// Swedish, each checked with axe.
//   KARTLA_BINARY=build/ci/src/cli/kartla node --test tests/browser/fieldwork.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answerIctManagement, checkAccessibility, launchBrowser, openLink, waitForServer }
  from './support.mjs';
import { scratchFolder } from './scratch.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const forms = path.join(here, '..', '..', 'data', 'forms', 'digimapping-2025');
const port = 18000 + (process.pid % 1000);
const smtpPort = port + 1000;
const base = `http://127.0.0.1:${port}`;
const password = 'a-long-test-password';
const dir = scratchFolder('kartla-fieldwork-');
const maildir = path.join(dir, 'mail');
let smtp;
let server;
let browser;

function kartla(args, input) {
  return execFileSync(process.env.KARTLA_BINARY, args, { cwd: dir, input, encoding: 'utf8' });
}

// The messages delivered so far, each as { to, subject, text }, read with
// Python's email package (the same parser the C++ tests trust).
function deliveredMessages() {
  const script = `
import email, email.policy, json, os, sys
out = []
for name in sorted(os.listdir(sys.argv[1])):
    with open(os.path.join(sys.argv[1], name), 'rb') as f:
        m = email.message_from_binary_file(f, policy=email.policy.default)
    out.append({'to': str(m['To']), 'subject': str(m['Subject']),
                'text': m.get_body(preferencelist=('plain',)).get_content()})
print(json.dumps(out))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path.join(maildir, 'new')],
                                 { encoding: 'utf8' }));
}

async function waitForMessages(count) {
  for (let i = 0; i < 300; ++i) {
    if (readdirSync(path.join(maildir, 'new')).length >= count) return deliveredMessages();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`fewer than ${count} messages arrived`);
}

function isoDate(offsetDays) {
  return new Date(Date.now() + offsetDays * 86400000).toISOString().slice(0, 10);
}

before(async () => {
  for (const sub of ['new', 'cur', 'tmp']) mkdirSync(path.join(maildir, sub), { recursive: true });
  smtp = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${smtpPort}`,
                                    '-c', 'aiosmtpd.handlers.Mailbox', maildir],
               { stdio: 'ignore' });
  // An empty workspace: the registry and one administrator, nothing else.
  writeFileSync(path.join(dir, 'kartla.toml'),
                `[server]\nport = ${port}\npublic_url = "${base}"\n` +
                `[mail]\nport = ${smtpPort}\nsecurity = "none"\nper_minute = 100000\n`);
  kartla(['init']);
  kartla(['registry', 'load', 'fi-2025']);
  kartla(['user', 'add', 'admin', '--admin', '--user-lang', 'en'], `${password}\n`);
  server = spawn(process.env.KARTLA_BINARY, ['serve'], { cwd: dir, stdio: 'ignore' });
  await waitForServer(base);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  smtp?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

test('from an empty workspace to reminders, a reopened response, a published release and an erasure',
     async () => {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  // Every workspace page the walk below comes to (an HTML page a GET
  // answered with 200), to go through again in Finnish and Swedish at its
  // end.
  const seen = new Set();
  page.on('response', (response) => {
    const request = response.request();
    if (!request.isNavigationRequest() || request.frame() !== page.mainFrame() ||
        request.method() !== 'GET' || response.status() !== 200 ||
        !(response.headers()['content-type'] ?? '').startsWith('text/html')) return;
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/admin') || url.pathname.includes('/preview/')) return;
    for (const name of ['lang', 'notice', 'n', 'm']) url.searchParams.delete(name);
    url.searchParams.sort();
    seen.add(url.pathname + (url.search || ''));
  });
  await page.goto(`${base}/admin/login?lang=en`);
  await page.fill('#name', 'admin');
  await page.fill('#password', password);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/admin`);

  // A broken form first, on the Finnish page: each problem in Finnish, at
  // its place, and nothing imported.
  await page.goto(`${base}/admin/forms?lang=fi`);
  await page.setInputFiles('#form-file',
    path.join(here, '..', 'forms', 'broken', 'syntax-error.survey.csv'));
  await page.click('form[action="/admin/forms"] button');
  const refused = await page.textContent('main');
  assert.match(refused, /syntax-error\.survey\.csv:3:4/);
  assert.match(refused, /merkin 7 kohdalla: odotettiin arvoa, mutta lauseke päättyy/);
  assert.doesNotMatch(refused, /expected a value/);
  await checkAccessibility(page, 'a broken form refused in Finnish');
  if (process.env.KARTLA_SCREENSHOTS) {
    await page.screenshot({ path: `${process.env.KARTLA_SCREENSHOTS}/form-refused-fi.png`, fullPage: true });
    const wide = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${process.env.KARTLA_SCREENSHOTS}/form-refused-390-fi.png`, fullPage: true });
    await page.setViewportSize(wide);
  }
  await page.goto(`${base}/admin?lang=en`);

  // The example ICT management form, as its three CSV files.
  await page.click('nav.staff-nav a[href="/admin/forms"]');
  await page.setInputFiles('#form-file', ['survey', 'choices', 'settings'].map(
    (sheet) => path.join(forms, `ict-management.${sheet}.csv`)));
  await page.click('form[action="/admin/forms"] button');
  assert.match(await page.textContent('.notice'), /Form ict-management imported as version 1/);
  assert.match(await page.textContent('main'), /0 errors, 0 warnings/);
  await checkAccessibility(page, 'the forms after an upload');

  // A round, its questionnaire and one stage open from yesterday, on the
  // Swedish pages (the language stays until another is chosen).
  await page.goto(`${base}/admin/rounds?lang=sv`);
  await page.fill('#round-code', 'pilot-2026');
  await page.fill('#round-year', '2026');
  await page.fill('#round-title-en', 'Pilot 2026');
  await page.click('form[action="/admin/rounds"] button');
  await page.waitForURL(/\/admin\/rounds\/pilot-2026\?notice=round_created/);
  await page.selectOption('#q-form', 'ict-management');
  await page.selectOption('#q-group', 'ict_management');
  await page.click('form[action$="/questionnaires"] button');
  assert.match(await page.textContent('.notice'), /Enkät tillagd för målgruppen /);
  const sections = (await page.textContent('main table tbody tr td:nth-child(4)')).trim();
  // The stage in the stages form: a closing day before the opening one is
  // named by its row and field, and what was typed stays.
  await page.fill('#name-1', 'All');
  await page.fill('#sections-1', sections);
  await page.fill('#opens-1', isoDate(-1));
  await page.fill('#closes-1', isoDate(-2));
  await page.fill('#publishes-1', isoDate(60));
  await page.click('form[action$="/stages/form"] button');
  assert.match(await page.textContent('.error-summary'), /Rad 1, Stänger: etappen stänger/);
  assert.equal(await page.inputValue('#name-1'), 'All');
  await checkAccessibility(page, 'the stages form with a mistake');
  await page.fill('#closes-1', isoDate(30));
  await page.click('form[action$="/stages/form"] button');
  assert.match(await page.textContent('.notice'), /1 etapper sparade/);
  assert.match(await page.textContent('main'), /Öppen i dag: 1 \(All\)/);
  await checkAccessibility(page, 'a round with its questionnaire and stage');

  // Contacts for 20 organisations, from a file, on the Finnish page.
  const codes = ['005', '009', '010', '016', '018', '019', '020', '035', '043', '046',
                 '047', '049', '050', '051', '052', '060', '061', '062', '065', '069'];
  const csv = 'organisation,name,email,role,language\n' + codes.map(
    (code) => `${code},ICT ${code},ict${code}@kunta.example,ict_management,fi`).join('\n') +
    '\n005,Toinen Kollega,toinen005@kunta.example,ict_management,fi\n';
  await page.goto(`${base}/admin/contacts?lang=fi`);
  await page.setInputFiles('#contacts-file', { name: 'contacts.csv', mimeType: 'text/csv',
                                               buffer: Buffer.from(csv) });
  await page.click('form[action="/admin/contacts"][method="post"] button');
  assert.match(await page.textContent('.notice'), /21 yhteyshenkilöä lisätty/);

  // The invitation as Espoo's contact gets it; the round's own wording
  // (a wrong placeholder refused first, what was typed kept); a test mail
  // to oneself, which arrives at once.
  await page.goto(`${base}/admin/rounds/pilot-2026/invitations?lang=en`);
  await page.click('a[href="/admin/rounds/pilot-2026/mail"]');
  await page.selectOption('#mail-group', 'ict_management');
  await page.fill('#mail-org', '049');
  await page.click('form[action$="/mail"][method="get"] button');
  assert.match(await page.textContent('main h2'), /As ICT 049 \(049\) gets it/);
  assert.match(await page.textContent('#mail-subject'), /^Kutsu vastaamaan: /);
  assert.match(await page.textContent('#mail-text'), /^Hei ICT 049,/);
  await checkAccessibility(page, 'the mail page');
  await page.fill('#mail-subject-field', 'Pilotti: {survey} ({kunta})');
  await page.click('form[action$="/mail"][method="post"] button');
  assert.match(await page.textContent('.error-summary'), /Subject: \{kunta\} is no placeholder/);
  assert.equal(await page.inputValue('#mail-subject-field'), 'Pilotti: {survey} ({kunta})');
  await checkAccessibility(page, 'the mail page with a mistake');
  await page.fill('#mail-subject-field', 'Pilotti: {survey}, {organisation}');
  await page.fill('#mail-body-field', 'Hyvä {name},\n\npyydämme organisaationne {organisation} ' +
                  'vastausta {closes} mennessä.');
  await page.click('form[action$="/mail"][method="post"] button');
  assert.match(await page.textContent('.notice'), /The wording is saved/);
  assert.match(await page.textContent('#mail-subject'), /^Pilotti: .*Espoo$/);
  assert.match(await page.textContent('#mail-text'), /^Hei ICT 049,\n\nHyvä ICT 049,\n\npyydämme/);
  await page.fill('#test-address', 'me@team.example');
  await page.click('form[action$="/mail/test"] button');
  assert.match(await page.textContent('.notice'), /The test message went to the mail server/);
  const [tested] = await waitForMessages(1);
  assert.ok(tested.to.includes('me@team.example'), tested.to);
  assert.match(tested.subject, /^\[TEST\] Pilotti: .*Espoo$/);
  assert.match(tested.text, /pyydämme organisaationne Espoo vastausta/);

  // Invitations by mail: first what would go to whom, then, confirmed,
  // sent; on the Swedish page.
  await page.goto(`${base}/admin/rounds/pilot-2026/invitations?lang=sv`);
  await page.selectOption('#invite_group', 'ict_management');
  await page.click('form[action$="/invite"] button');
  assert.match(await page.textContent('#invite-confirm'), /Mottagare i målgruppen .*: 21/);
  assert.match(await page.textContent('#invite-confirm'), /på finska: 21/);
  await checkAccessibility(page, 'the invitations to confirm');
  assert.equal(readdirSync(path.join(maildir, 'new')).length, 1, 'nothing sent unconfirmed');
  await page.click('#invite-confirm button[value="send"]');
  assert.match(await page.textContent('.notice'), /21/);
  const invitations = (await waitForMessages(22)).filter((m) => !m.subject.startsWith('[TEST]'));
  assert.equal(new Set(invitations.map((m) => m.to)).size, 21);
  assert.ok(invitations.every((m) => m.subject.startsWith('Pilotti: ')), 'the round\'s wording');
  // The outbox follows them, on the Finnish page: each one sent, with the
  // mail server's answer to it.
  await page.goto(`${base}/admin/rounds/pilot-2026/outbox?state=sent&lang=fi`);
  const sentRows = await page.$$eval('table.list tbody tr', (rows) => rows.map(
    (row) => [...row.children].map((cell) => cell.textContent.trim())));
  assert.equal(sentRows.length, 21, JSON.stringify(sentRows));
  assert.ok(sentRows.every((cells) => cells[3].startsWith('lähetetty') && /^250 /.test(cells[7])),
            JSON.stringify(sentRows[0]));
  await checkAccessibility(page, 'the outbox in Finnish');
  if (process.env.KARTLA_SCREENSHOTS) {
    await page.screenshot({ path: `${process.env.KARTLA_SCREENSHOTS}/outbox-fi.png` });
    const wide = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${process.env.KARTLA_SCREENSHOTS}/outbox-390-fi.png` });
    await page.setViewportSize(wide);
  }
  const linkTo = (address, messages) => {
    const text = messages.find((m) => m.to.includes(address))?.text ?? '';
    return text.match(/http:\/\/\S+\/r\/\S+/)?.[0];
  };

  // Alajärvi's two colleagues: the first starts, the second asks to take over.
  const first = await browser.newContext({ javaScriptEnabled: false });
  const holder = await first.newPage();
  await openLink(holder, linkTo('ict005@', invitations));
  for (const choice of ['arrangement_1', 'arrangement_2-regional', 'arrangement_3-bought',
                        'ict_responsible-shared', 'main_provider-own_unit', 'maturity-4']) {
    await holder.check(`#f-${choice}`);
  }
  await holder.click('button[value="next"]');
  await holder.waitForURL(/\/q\/page\/2$/);
  const second = await browser.newContext({ javaScriptEnabled: true });
  const asker = await second.newPage();
  await asker.goto(linkTo('toinen005@', invitations));
  await asker.waitForURL(/\/q\/colleague$/);
  assert.match(await asker.textContent('h1'), /Kollegasi vastaa jo/);
  await checkAccessibility(asker, 'the colleague page');
  await asker.click('form[action="/q/takeover"] button');
  assert.match(await asker.textContent('.notice'), /odotetaan/);
  const asked = (await waitForMessages(23)).find((m) => m.subject.startsWith('Kollega pyytää'));
  assert.ok(asked?.to.includes('ict005@'), 'the request goes to the holder');
  await holder.goto(linkTo('ict005@', invitations));
  await holder.waitForURL(/\/q\/handover$/);
  await first.close();
  const holderAgain = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
  await holderAgain.goto(linkTo('ict005@', invitations));
  await holderAgain.waitForURL(/\/q\/handover$/);
  await checkAccessibility(holderAgain, 'the handover question');
  await holderAgain.click('button[value="agree"]');
  assert.match(await holderAgain.textContent('h1'), /Vastaus luovutettu/);
  await checkAccessibility(holderAgain, 'the handed-over page');
  await holderAgain.context().close();
  await asker.goto(`${base}/q`);
  await asker.waitForURL(/\/q\/page\/2$/);
  await asker.goto(`${base}/q/page/1`);
  assert.ok(await asker.isChecked('#f-maturity-4'), 'the answers given so far are kept');
  await second.close();

  // One message read and its link followed, without JavaScript.
  const message = invitations.find((m) => m.to.includes('ict049@'));
  assert.ok(message, 'the invitation to Espoo');
  const link = message.text.match(/http:\/\/\S+\/r\/\S+/)?.[0];
  assert.ok(link?.startsWith(base), `a link to this server in:\n${message.text}`);
  const respondent = await browser.newContext({ javaScriptEnabled: false });
  const answer = await respondent.newPage();
  await openLink(answer, link);
  await answerIctManagement(answer);
  await respondent.close();

  // The dashboard: 1 of 20 (in English again).
  await page.goto(`${base}/admin/rounds/pilot-2026/monitor?lang=en`);
  assert.match(await page.textContent('.coverage'), /^answered by 1 of 20 organisations \(5 %\)/);
  await checkAccessibility(page, 'the dashboard of the pilot round');

  // Reminders: previewed, then sent, to the 19 who have not answered.
  await page.goto(`${base}/admin/rounds/pilot-2026/invitations`);
  await page.click('button[value="preview"]');
  assert.match(await page.textContent('#reminder-preview caption'), /^19 recipients would get a reminder/);
  assert.doesNotMatch(await page.textContent('#reminder-preview'), /ict049@/);
  await page.click('button[value="send"]');
  assert.match(await page.textContent('.notice'), /19/);
  // The test mail, 21 invitations, the handover request, the thank-you to
  // Espoo and 19 reminders: Alajärvi's to the colleague now holding its
  // response.
  const all = await waitForMessages(43);
  const reminded = all.filter((m) => m.subject.startsWith('Muistutus:')).map((m) => m.to);
  assert.equal(all.length, 43);
  assert.ok(reminded.some((to) => to.includes('toinen005@')));
  assert.ok(!reminded.some((to) => to.includes('ict005@')), 'not to the one who handed over');
  assert.equal(all.filter((m) => m.subject.startsWith('Kiitos')).length, 1);
  assert.equal(new Set(reminded).size, 19);
  assert.ok(!reminded.some((to) => to.includes('ict049@')), 'no reminder to the one who answered');

  // A second respondent answers (a reminded one), without JavaScript.
  const secondAddress = reminded.find((to) => !to.includes('toinen005@'));
  const secondLink = all.find((m) => m.to === secondAddress && m.subject.startsWith('Muistutus:'))
    ?.text.match(/http:\/\/\S+\/r\/\S+/)?.[0];
  assert.ok(secondLink, `a reminder's link to ${secondAddress}`);
  const another = await browser.newContext({ javaScriptEnabled: false });
  await openLink(await another.newPage(), secondLink);
  await answerIctManagement(another.pages()[0]);
  await another.close();
  await page.goto(`${base}/admin/rounds/pilot-2026/monitor`);
  assert.match(await page.textContent('.coverage'), /^answered by 2 of 20 organisations \(10 %\)/);

  // Espoo's response, read-only, then reopened for its respondent, who
  // submits it again.
  await page.goto(`${base}/admin/rounds/pilot-2026/invitations?org=049`);
  await page.click('a[href$="/response"]');
  const responsePage = page.url();
  assert.match(await page.textContent('main'), /Submitted/);
  for (const lang of ['fi', 'sv', 'en']) {
    await page.goto(`${responsePage}?lang=${lang}`);
    await checkAccessibility(page, `one organisation's response in ${lang}`);
  }
  await page.click('form[action$="/response/reopen"] button');
  assert.match(await page.textContent('.notice'), /The answers were reopened for changes/);
  const espoo = await browser.newContext({ javaScriptEnabled: false });
  const again = await espoo.newPage();
  await again.goto(link);
  await again.goto(`${base}/q/review`);
  await again.click('form[action="/q/submit"] button');
  await again.waitForURL(/\/q\/receipt$/);
  await espoo.close();

  // The responses exported from the round's page.
  await page.goto(`${base}/admin/rounds/pilot-2026`);
  await page.selectOption('#export-group', 'ict_management');
  await page.check('#export-csv');
  const [download] = await Promise.all([page.waitForEvent('download'),
                                        page.click('form[action$="/responses"] button')]);
  assert.equal(download.suggestedFilename(), 'pilot-2026.ict_management.csv');

  // A release: previewed (its site opened), then published, and served.
  for (const lang of ['fi', 'sv', 'en']) {
    await page.goto(`${base}/admin/rounds/pilot-2026/release?lang=${lang}`);
    await checkAccessibility(page, `the release page in ${lang}`);
  }
  // Two responses cannot be published under the default rule (k = 5): the
  // preview says so before anything is published ...
  await page.click('form[action$="/release/preview"] button');
  assert.match(await page.textContent('#preview'), /Version 1 \(stage 1\) as it would be published/);
  assert.match(await page.textContent('#preview'), /This version cannot be published: .*fails the disclosure audit/);
  assert.equal(await page.locator('form[action$="/release/publish"]').count(), 0);
  await checkAccessibility(page, 'the release page with a refused preview');
  // ... so this pilot's settings show every count (k = 1), and it can.
  await page.fill('#release-settings', '[disclosure]\nk = 1\nsmall_group = 0\n');
  await page.click('form[action$="/release/settings"] button');
  assert.match(await page.textContent('.notice'), /Saved/);
  await page.click('form[action$="/release/preview"] button');
  assert.doesNotMatch(await page.textContent('#preview'), /cannot be published/);
  await checkAccessibility(page, 'the release page with its preview');
  const previewed = await page.getAttribute('#preview a', 'href');
  assert.equal((await page.goto(`${base}${previewed}`)).status(), 200);
  await checkAccessibility(page, 'the preview of the results site');
  // Every link within the preview works: its pages, the printable
  // questionnaires and a section's downloads (rendered when asked).
  const within = async () => (await page.$$eval('a[href]', (links) => links.map((a) => a.href)))
    .filter((href) => href.includes('/release/preview/'));
  const pages = await within();
  const section = pages.find((href) => /-\d+\.html$/.test(href));
  assert.ok(section, pages.join('\n'));
  await page.goto(section);
  const links = [...new Set([...pages, ...await within()])];
  assert.ok(links.some((href) => href.endsWith('.px')), links.join('\n'));
  assert.ok(links.some((href) => href.includes('questionnaire-')), links.join('\n'));
  for (const href of links) {
    assert.equal((await context.request.get(href.split('#')[0])).status(), 200, href);
  }
  await page.goto(`${base}/admin/rounds/pilot-2026/release`);
  await page.click('form[action$="/release/publish"] button');
  assert.match(await page.textContent('.notice'), /Published version 1 \(stage 1\)/);
  assert.equal((await page.goto(`${base}/results/pilot-2026/v1/en/index.html`)).status(), 200);

  // A person erased on request: confirmed first.
  await page.goto(`${base}/admin/contacts?q=ict069`);
  await page.click('table a[href^="/admin/contacts/"]');
  const contactPage = page.url();
  for (const lang of ['fi', 'sv', 'en']) {
    await page.goto(`${contactPage}?lang=${lang}`);
    await checkAccessibility(page, `a contact in ${lang}`);
  }
  await page.check('#confirm-erase');
  await page.click('form[action$="/erase"] button');
  assert.match(await page.textContent('.notice'), /The person's data is erased; links revoked: 1/);
  assert.equal((await page.goto(contactPage)).status(), 404);
  await page.goto(`${base}/admin/audit`);
  for (const action of ['response.view', 'response.reopen', 'microdata.export', 'release.preview',
                        'release.publish', 'contact.erase']) {
    assert.match(await page.textContent('main'), new RegExp(action.replace('.', '\\.')), action);
  }

  // The walk's pages again, in Finnish, Swedish and English: each in its
  // language, and axe clean. (A page gone since, such as the erased
  // person's, says so in that language too.)
  const walked = [...seen].filter((where) => !where.startsWith('/admin/login'));
  assert.ok(walked.length >= 14, walked.join('\n'));
  for (const lang of ['fi', 'sv', 'en']) {
    for (const where of walked) {
      const reply = await page.goto(`${base}${where}${where.includes('?') ? '&' : '?'}lang=${lang}`);
      assert.ok([200, 404].includes(reply.status()), `${where}: ${reply.status()}`);
      assert.equal(await page.getAttribute('html', 'lang'), lang, where);
      await checkAccessibility(page, `${where} in ${lang}`);
    }
  }
  await page.goto(`${base}/admin?lang=en`);
  await context.close();
});
