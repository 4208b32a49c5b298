// A measurement, not a test: how much a reader who also reads the registry
// (the invited organisations per region × size class) narrows the hidden
// counts of random rounds, whose two breakdowns are margins of the same
// unpublished cross-classification (attacker.mjs, `crossed`). Kartla's
// audit does not link the two breakdowns so (docs/statistics.md, "Limits");
// this says how often that matters.
//
//   build/ci/tests/random_releases /tmp/rounds 10 19 crossed
//   (cd tests/browser && npm install --no-save highs && node crossed.mjs /tmp/rounds)
//
// With the `highs` package installed (HiGHS, a MIP solver, compiled to
// WebAssembly) the integer programs are solved by it: javascript-lp-solver
// takes hours on rounds of a thousand organisations.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { crossed, readTable, setSolver } from './attacker.mjs';

const require = createRequire(import.meta.url);
try {
  const highs = await require('highs')();
  const name = (v) => 'x' + Buffer.from(v).toString('hex');
  setSolver((model, v, opType) => {
    const rows = new Map();
    for (const [variable, coefficients] of Object.entries(model.variables)) {
      for (const [row, a] of Object.entries(coefficients)) {
        if (!rows.has(row)) rows.set(row, []);
        rows.get(row).push(`${a >= 0 ? '+' : '-'} ${Math.abs(a)} ${name(variable)}`);
      }
    }
    let text = `${opType === 'max' ? 'Maximize' : 'Minimize'}\n obj: ${name(v)}\nSubject To\n`;
    for (const [row, bound] of Object.entries(model.constraints)) {
      if (!rows.has(row)) continue;
      const sum = rows.get(row).join(' ');
      if (bound.equal !== undefined) text += ` ${row}: ${sum} = ${bound.equal}\n`;
      if (bound.max !== undefined) text += ` ${row}: ${sum} <= ${bound.max}\n`;
      if (bound.min !== undefined) text += ` ${row}: ${sum} >= ${bound.min}\n`;
    }
    text += 'Bounds\n' + Object.keys(model.variables).map((x) => ` ${name(x)} >= 0\n`).join('');
    text += 'General\n' + Object.keys(model.ints).map((x) => ` ${name(x)}\n`).join('') + 'End\n';
    const result = highs.solve(text, { output_flag: false });
    if (result.Status === 'Infeasible') return null;
    if (result.Status === 'Unbounded') return Infinity;
    if (result.Status !== 'Optimal') throw new Error(`HiGHS: ${result.Status}`);
    return Math.round(result.ObjectiveValue);
  });
} catch {
  console.log('highs is not installed: javascript-lp-solver solves (slowly)');
}

const dir = process.argv[2];
let rounds = 0, hidden = 0, few = 0;
const narrowed = [];
for (const round of readdirSync(dir)) {
  const truth = JSON.parse(readFileSync(path.join(dir, round, 'truth.json'), 'utf8'));
  const joint = JSON.parse(readFileSync(path.join(dir, round, 'joint.json'), 'utf8'));
  ++rounds;
  for (const cell of crossed(path.join(dir, round, 'v1'), joint)) {
    ++hidden;
    const value = truth.counts[`${cell.file}|${cell.line}|${cell.choice}`];
    if (value < 1 || value >= truth.k) continue;
    ++few;
    const reach = Math.min(truth.k, readTable(path.join(dir, round, 'v1', cell.file)).answered);
    if (cell.lower > 0 || cell.upper < reach) {
      narrowed.push(`${round} (${truth.organisations} organisations, k = ${truth.k}) ${cell.file} ` +
                    `${cell.line} ${cell.choice}: ${value} lies in ${cell.lower}–${cell.upper}`);
    }
  }
}
console.log(`${rounds} rounds: ${hidden} hidden counts, ${few} of them 1 … k−1, ` +
            `${narrowed.length} narrowed against the rule by the cross-classification`);
for (const line of narrowed) console.log(line);
