// What the browser tests share: starting `kartla demo` on a port, Debian's
// Chromium, and the axe-core check for WCAG 2.1 A/AA.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Starts the demo in a new temporary folder; resolves with the process and
// what it printed once it serves.
export async function startDemo(port) {
  const binary = process.env.KARTLA_BINARY;
  assert.ok(binary, 'KARTLA_BINARY names the kartla program');
  const dir = mkdtempSync(path.join(tmpdir(), 'kartla-browser-'));
  const server = spawn(binary, ['demo', '--dir', path.join(dir, 'demo'), '--port', String(port)],
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
  return { server, output };
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
