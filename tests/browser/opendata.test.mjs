// The open-data downloads of a made-up round (`kartla demo`, which
// publishes stages 1 and 2 as releases, and `kartla stats table --export`
// of crossed breakdowns): every download of both, every JSON-stat
// file read by an independent reader (jsonstat-toolkit from npm), every PX
// file checked for its mandatory keywords and its cell count, every CSV's
// respondent counts, an XLSX for each; no published count describing
// fewer than k = 5 respondents.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { scratchFolder } from './scratch.mjs';

const require = createRequire(import.meta.url);
const JSONstat = require('jsonstat-toolkit');

const K = 5;

test('JSON-stat and PX downloads are valid, and safe', () => {
  const binary = process.env.KARTLA_BINARY;
  assert.ok(binary, 'KARTLA_BINARY names the kartla program');
  const dir = scratchFolder('kartla-opendata-');
  execFileSync(binary, ['demo', '--setup-only', '--dir', path.join(dir, 'demo')]);
  const env = { ...process.env, KARTLA_DATABASE: path.join(dir, 'demo', 'kartla.db') };
  const out = path.join(dir, 'out');
  for (const [group, by] of [['ict_management', 'size_class'], ['chief_executives', 'region'],
                             ['sector_management', 'size_class*region']]) {
    execFileSync(binary, ['stats', 'table', 'digimapping-2025', '--target-group', group,
                          '--by', by, '--export', path.join(out, group)], { env });
  }
  // Every download of the exports and of both versions of the release.
  const downloads = [];
  const collect = (folder) => {
    for (const name of readdirSync(folder)) {
      const full = path.join(folder, name);
      if (statSync(full).isDirectory()) {
        if (!['fi', 'sv', 'en'].includes(name)) collect(full);  // not the pages
      } else if (/\.(csv|json|px|xlsx)$/.test(name) && name !== 'manifest.json') {
        downloads.push(full);
      }
    }
  };
  collect(out);
  const release = path.join(dir, 'demo', 'results', 'digimapping-2025');
  // The versions, each with its private audit report beside it (not a
  // download: the site never serves it).
  assert.deepEqual(readdirSync(release).sort(), ['v1', 'v1.audit.json', 'v2', 'v2.audit.json']);
  for (const version of ['v1', 'v2']) collect(path.join(release, version));
  let datasets = 0, suppressed = 0, counts = 0, pxFiles = 0, csvFiles = 0, xlsxFiles = 0;
  let excelFiles = 0;
  let methodsDatasets = 0;
  {
    for (const full of downloads) {
      const file = path.relative(dir, full);
      const text = readFileSync(full, 'utf8');
      if (file.endsWith('.xlsx')) {
        assert.ok(text.startsWith('PK'), `${file}: a zip`);
        ++xlsxFiles;
        continue;
      }
      if (file.endsWith('.excel.csv')) {
        // For Excel: a byte order mark; in fi and sv ';' and decimal commas.
        assert.ok(text.startsWith('\uFEFF'), `${file}: a byte order mark`);
        const separator = file.endsWith('.en.excel.csv') ? ',' : ';';
        const rows = text.slice(1).trim().split('\r\n');
        for (const row of rows.slice(1)) {
          const n = row.slice(row.lastIndexOf(separator) + 1);
          assert.ok(n === '..' || n === '' || Number(n) === 0 || Number(n) >= K, `${file}: ${row}`);
          if (separator === ';') assert.doesNotMatch(row, /;[0-9]+\.[0-9]/, `${file}: ${row}`);
        }
        ++excelFiles;
        continue;
      }
      if (file.endsWith('.csv')) {
        // The respondents column (n, the last) never holds 1 … k − 1.
        const rows = text.trim().split('\r\n');
        assert.ok(rows[0].endsWith(',n'), `${file}: ${rows[0]}`);
        for (const row of rows.slice(1)) {
          const n = row.slice(row.lastIndexOf(',') + 1);
          assert.ok(n === '..' || n === '' || Number(n) === 0 || Number(n) >= K, `${file}: ${row}`);
        }
        ++csvFiles;
        continue;
      }
      if (file.endsWith('.json')) {
        const ds = JSONstat(JSON.parse(text));
        assert.equal(ds.class, 'dataset', file);
        assert.equal(ds.n, ds.size.reduce((a, b) => a * b, 1), `${file}: values for every cell`);
        assert.equal(ds.length, ds.id.length);
        const measures = ds.Dimension('measure').id;
        const n = measures.indexOf('n');
        assert.ok(n >= 0, `${file}: a respondents measure`);
        for (let i = 0; i < ds.n; ++i) {
          const cell = ds.Data(i);
          if (cell.status === '..') {
            assert.equal(cell.value, null, `${file}: a suppressed cell has no value`);
            ++suppressed;
          }
          if (i % measures.length === n && cell.value !== null) {
            assert.ok(cell.value === 0 || cell.value >= K,
                      `${file}: cell ${i} describes ${cell.value} respondents`);
            ++counts;
          }
        }
        ++datasets;
        // The methods page's numbers come as JSON-stat only.
        if (file.split(path.sep).includes('methods')) ++methodsDatasets;
      } else {
        for (const keyword of ['CHARSET=', 'AXIS-VERSION=', 'LANGUAGE=', 'MATRIX=', 'TITLE=',
                               'CONTENTS=', 'UNITS=', 'STUB=', 'HEADING=', 'DATA=']) {
          assert.ok(text.includes(keyword), `${file}: ${keyword}`);
        }
        // The rule with the release's k, in the file's language.
        assert.match(text, new RegExp(`(alle|färre än|fewer than) ${K} `), `${file}: NOTE with k`);
        const values = [...text.matchAll(/^VALUES\("[^"]*"\)=(.*);$/gm)]
          .map((m) => m[1].split('","').length);
        assert.equal(values.length, 2, `${file}: a stub and a heading`);
        const data = text.slice(text.indexOf('DATA=') + 5, text.lastIndexOf(';'));
        const cells = data.trim().split(/\s+/);
        assert.equal(cells.length, values[0] * values[1], `${file}: the cell count`);
        ++pxFiles;
      }
    }
  }
  assert.ok(datasets > 500, `${datasets} JSON-stat files`);
  assert.ok(methodsDatasets > 0, 'the methods page as JSON-stat');
  assert.equal(pxFiles, datasets - methodsDatasets);
  assert.equal(csvFiles, datasets - methodsDatasets);
  assert.equal(xlsxFiles, datasets - methodsDatasets);
  assert.equal(excelFiles, datasets - methodsDatasets);
  assert.ok(suppressed > 100, 'the region and crossed tables hide cells');
  assert.ok(counts > 1000);
});
