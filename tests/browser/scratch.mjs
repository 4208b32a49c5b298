// Temporary folders for the browser tests, removed with everything in them
// when the test process ends, so that test runs leave nothing in /tmp.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const folders = [];
process.on('exit', () => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

// A new folder in the temporary directory whose name starts with `prefix`.
export function scratchFolder(prefix) {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}
