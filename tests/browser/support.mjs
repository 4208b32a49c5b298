// What the browser tests share: starting `kartla demo` on a port, Debian's
// Chromium, and the axe-core check for WCAG 2.1 A/AA.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { scratchFolder } from './scratch.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Starts the demo in a new temporary folder (with `args`, e.g.
// ['--fieldwork-only']); resolves with the process, what it printed once it
// serves, and its folder.
export async function startDemo(port, args = []) {
  const binary = process.env.KARTLA_BINARY;
  assert.ok(binary, 'KARTLA_BINARY names the kartla program');
  const dir = scratchFolder('kartla-browser-');
  const server = spawn(binary, ['demo', '--dir', path.join(dir, 'demo'), '--port', String(port),
                                ...args],
                       { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start:\n${output}`)), 60000);
    server.stdout.on('data', (data) => {
      output += data;
      if (output.includes('Serving on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.stderr.on('data', (data) => { output += data; });
    server.on('exit', (code) => reject(new Error(`the demo exited (${code}):\n${output}`)));
  });
  return { server, output, dir: path.join(dir, 'demo') };
}

// Resolves once `base` answers HTTP, or fails after 30 s.
export async function waitForServer(base) {
  for (let i = 0; i < 300; ++i) {
    try {
      await fetch(`${base}/admin/login`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  assert.fail(`nothing answers at ${base}`);
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Runs axe-core on the page and fails on any WCAG 2.0/2.1 A or AA violation.
export async function checkAccessibility(page, what) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const problems = result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  assert.deepEqual(problems, [], `axe found violations on ${what} (${page.url()})`);
}

// Answers the ICT management questionnaire of the example round on `page`,
// opened at its first page, and submits it.
export async function answerIctManagement(page) {
  await page.check('#f-arrangement_1');
  await page.check('#f-arrangement_2-regional');
  await page.check('#f-arrangement_3-bought');
  await page.check('#f-ict_responsible-shared');
  await page.check('#f-main_provider-own_unit');
  await page.check('#f-maturity-4');
  await page.click('button[value="next"]');
  await page.waitForURL(/\/q\/page\/2$/);
  for (const [field, value] of [['operating_costs', '900'], ['investments', '100'],
                                ['staff_2022', '3'], ['staff_2023', '3'], ['staff_2024', '3'],
                                ['time_maintenance', '50'], ['time_development', '20'],
                                ['time_projects', '20'], ['time_management', '10']]) {
    await page.fill(`#f-${field}`, value);
  }
  await page.check('#f-cost_change-same');
  await page.click('button[value="next"]');
  await page.waitForURL(/\/q\/review$/);
  await page.click('form[action="/q/submit"] button');
  await page.waitForURL(/\/q\/receipt$/);
}

// Follows an invitation link as a respondent does: a first visit opens the
// start page, whose button leads to the first page.
export async function openLink(page, link) {
  await page.goto(link);
  if (/\/q\/start$/.test(page.url())) {
    await page.click('a.button');
    await page.waitForURL(/\/q\/page\/\d+$/);
  }
}
