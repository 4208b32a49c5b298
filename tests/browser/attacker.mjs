// An attacker of Kartla's published results, written apart from Kartla's
// own audit (issue 19): it reads only what any reader can fetch from a
// release folder (every JSON-stat table and the methods page), and for
// every suppressed count ("..") works out the least and the greatest value
// it can take, by integer linear programming (javascript-lp-solver from
// npm, not GLPK, so that the check does not share the audit's solver).
//
// What it knows, per question and release version:
// - each table's published counts (the "n" measure), per line and choice;
// - the total line is the same respondents in every table of the question
//   (overall and each breakdown): one set of unknowns for all of them;
// - each choice's lines, plus respondents in no published line (≥ 0), add
//   up to the total line;
// - counts are whole numbers ≥ 0;
// - the coverage note ("Answered by N of M respondents"): for a single
//   choice (its published total line adds up to N) the total line adds up
//   to N;
// - the methods page's respondents per category: where everyone answered
//   the question, a single choice's line adds up to its category's count
//   and no count of a multiple choice exceeds it.
//
// A hidden count whose interval lies within 1 … k−1 is a certain breach of
// the rule: the reader knows that "a few" respondents are there.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const solver = require('javascript-lp-solver');

const decode = (text) => text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/<[^>]+>/g, '').trim();

// The methods page's respondents per category: group label → dimension
// label → category label → answered (null where hidden); with `column` 0,
// the invited instead.
export function readMethods(file, column = 1) {
  const out = new Map();
  if (!existsSync(file)) return out;
  const html = readFileSync(file, 'utf8');
  for (const section of html.split('<section class="methods-group">').slice(1)) {
    const group = decode(section.match(/<h2>([\s\S]*?)<\/h2>/)[1]);
    const dimensions = new Map();
    for (const table of section.split('<table').slice(1)) {
      const caption = decode(table.match(/<caption>([\s\S]*?)<\/caption>/)[1]).split(':')[0];
      const lines = new Map();
      for (const row of table.matchAll(/<tr><th scope="row">([\s\S]*?)<\/th>((?:<td>[\s\S]*?<\/td>)+)<\/tr>/g)) {
        const cells = [...row[2].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => decode(m[1]));
        lines.set(decode(row[1]), cells[column] === '..' ? null : Number(cells[column]));
      }
      dimensions.set(caption, lines);
    }
    out.set(group.toLowerCase().replace(/[^a-z0-9]+/g, '_'), dimensions);
  }
  return out;
}

// What merging did to a JSON-stat table's lines, from its note ("Lines of
// fewer than 20 respondents are merged: A = a1, a2; B = b1."): line label →
// the labels of the categories merged into it.
function mergedLines(d) {
  const merged = new Map();
  const note = (d.note || []).find((t) => t.startsWith('Lines of fewer than'));
  if (note) {
    for (const part of note.slice(note.indexOf(': ') + 2).replace(/\.$/, '').split('; ')) {
      const at = part.indexOf(' = ');
      merged.set(part.slice(0, at), part.slice(at + 3).split(', '));
    }
  }
  return merged;
}

// A line's make-up: the categories it holds (a line merged of none, its own).
function makeUp(label, merged) {
  return merged.get(label) ?? [label];
}

// The lines of two versions' tables that hold the same organisations:
// each group of the earlier's lines (`then`, indices) and of the later's
// (`now`) whose make-ups hold the same categories, the smallest such
// groups. A category the earlier version has no line of had nobody then
// (a line nobody answered in is left out); one the later lacks, nobody
// now, and a line holding it is matched with nothing.
export function matchMakeUp(thenMakeUps, nowMakeUps) {
  const parent = [];
  const find = (x) => { while (parent[x] !== x) x = parent[x] = parent[parent[x]]; return x; };
  const holder = new Map();  // category → [then node, now node]
  const place = (makeUps, offset, side) => makeUps.forEach((categories, l) => {
    parent[offset + l] = offset + l;
    for (const c of categories) {
      if (!holder.has(c)) holder.set(c, [null, null]);
      const h = holder.get(c);
      if (h[side] === null) h[side] = offset + l;
      else parent[find(h[side])] = find(offset + l);
    }
  });
  place(thenMakeUps, 0, 0);
  place(nowMakeUps, thenMakeUps.length, 1);
  for (const [a, b] of holder.values()) if (a !== null && b !== null) parent[find(a)] = find(b);
  const broken = new Set();
  for (const [a, b] of holder.values()) if (a !== null && b === null) broken.add(find(a));
  const parts = new Map();
  for (let node = 0; node < parent.length; ++node) {
    const root = find(node);
    if (broken.has(root)) continue;
    if (!parts.has(root)) parts.set(root, { then: [], now: [] });
    if (node < thenMakeUps.length) parts.get(root).then.push(node);
    else parts.get(root).now.push(node - thenMakeUps.length);
  }
  return [...parts.values()].filter((p) => p.now.length > 0);
}

// One JSON-stat table of counts: lines (code, label), choices, n[l][j]
// (null if hidden), the line dimension's label, and the coverage.
export function readTable(file) {
  const d = JSON.parse(readFileSync(file, 'utf8'));
  if (!d.id.includes('choice')) return null;
  const lineDim = d.dimension.line;
  const lines = lineDim.category.index.map((code) => ({ code, label: lineDim.category.label[code] }));
  const choices = d.dimension.choice.category.index;
  const measures = d.dimension.measure.category.index;
  const at = measures.indexOf('n');
  const status = d.status || {};
  const n = lines.map((_, l) => choices.map((_, j) => {
    const i = (l * choices.length + j) * measures.length + at;
    return status[String(i)] === '..' || d.value[i] === null ? null : d.value[i];
  }));
  const coverage = (d.note || []).map((t) => t.match(/Answered by (\d+) of (\d+)/)).find(Boolean);
  const merged = mergedLines(d);
  return {
    lines, choices, n, byLabel: lineDim.label, merged,
    answered: coverage ? Number(coverage[1]) : null,
    respondents: coverage ? Number(coverage[2]) : null,
  };
}

// Every question of one release version: folder/GROUP/QUESTION[.by-X].en.json.
function questions(version) {
  const out = [];
  for (const group of readdirSync(version, { withFileTypes: true })) {
    if (!group.isDirectory() || ['fi', 'sv', 'en'].includes(group.name)) continue;
    const byQuestion = new Map();
    for (const name of readdirSync(path.join(version, group.name))) {
      const m = name.match(/^(.+?)(?:\.by-(.+))?\.en\.json$/);
      if (!m) continue;
      const table = readTable(path.join(version, group.name, name));
      if (!table) continue;
      if (!byQuestion.has(m[1])) byQuestion.set(m[1], []);
      byQuestion.get(m[1]).push({ file: path.join(group.name, name), ...table });
    }
    for (const [question, tables] of byQuestion) out.push({ group: group.name, question, tables });
  }
  return out;
}

// Another solver for lp()'s models, (model, variable, 'min' | 'max') →
// the extreme whole value, null if infeasible: for experiments with larger
// programs than javascript-lp-solver solves quickly.
let solver_ = null;
export function setSolver(solve) { solver_ = solve; }

// HiGHS (a MIP solver compiled to WebAssembly, from npm) as that solver:
// javascript-lp-solver takes hours on the programs of `crossed` for
// rounds of a thousand organisations.
export async function useHighs() {
  const highs = await createRequire(import.meta.url)('highs')();
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
}

// A linear program shared by one or more versions of a question.
function lp() {
  const model = { variables: {}, constraints: {}, ints: {}, rows: 0 };
  // A linear equation or inequality over terms [{ v (name) | c (constant), a }].
  model.add = (terms, relation, rhs) => {
    let constant = 0;
    const name = `r${model.rows++}`;
    for (const term of terms) {
      if (term.v === undefined) { constant += term.a * term.c; continue; }
      model.variables[term.v][name] = (model.variables[term.v][name] || 0) + term.a;
    }
    model.constraints[name] = { [relation]: rhs - constant };
  };
  model.variable = (name) => {
    if (!model.variables[name]) { model.variables[name] = {}; model.ints[name] = 1; }
    return name;
  };
  // The least or greatest whole value of a variable; null if infeasible.
  model.extreme = (v, opType) => (solver_ ? solver_(model, v, opType) : extreme(v, opType));
  const extreme = (v, opType) => {
    const problem = { optimize: v, opType, constraints: model.constraints, variables: {}, ints: model.ints };
    for (const [name, coefficients] of Object.entries(model.variables)) {
      problem.variables[name] = { ...coefficients, [v]: name === v ? 1 : 0 };
    }
    const result = solver.Solve(problem);
    if (!result.feasible) return null;
    if (result.bounded === false) return Infinity;
    return Math.round(result.result);
  };
  return model;
}

// One version's tables of a question into `model`, its unknowns named
// with `prefix`: returns the hidden counts and each count's term by
// (file, line code, choice index).
// `single`: the question is known to be a single choice (another version
// of it showed a total line adding up to all who answered).
function addQuestion(model, tables, methods, prefix, single = false) {
  const { add, variable } = model;
  const hidden = [];
  const terms = new Map();
  const choices = tables[0].choices;
  const total = [];  // the shared total line's terms
  const anyTotalPublished = choices.map((_, j) => {
    for (const t of tables) {
      const l = t.lines.findIndex((line) => line.code === 'total');
      if (l >= 0 && t.n[l][j] !== null) return t.n[l][j];
    }
    return null;
  });
  choices.forEach((_, j) => {
    const v = `${prefix}total|${j}`;
    total[j] = anyTotalPublished[j] !== null ? { c: anyTotalPublished[j], a: 1 }
                                              : { v: variable(v), a: 1 };
    if (anyTotalPublished[j] === null) {
      hidden.push({ file: tables[0].file, line: 'total', code: 'total', choice: choices[j], v });
    }
  });
  const answered = tables[0].answered;
  const everyone = answered !== null && answered === tables[0].respondents;
  const published = anyTotalPublished.every((x) => x !== null);
  single = answered !== null &&
           (single || (published && anyTotalPublished.reduce((s, x) => s + x, 0) === answered));
  if (single) add(total, 'equal', answered);
  for (const t of tables) {
    const cell = t.lines.map((line, l) => t.choices.map((choice, j) => {
      if (line.code === 'total') return total[j];
      if (t.n[l][j] !== null) return { c: t.n[l][j], a: 1 };
      const v = variable(`${prefix}${t.file}|${line.code}|${j}`);
      hidden.push({ file: t.file, line: line.label, code: line.code, choice, v });
      return { v, a: 1 };
    }));
    t.lines.forEach((line, l) => t.choices.forEach((_, j) => terms.set(`${t.file}|${line.code}|${j}`, cell[l][j])));
    if (!t.lines.some((line) => line.code !== 'total')) continue;
    t.choices.forEach((_, j) => {
      const outside = { v: variable(`${prefix}${t.file}|outside|${j}`), a: 1 };
      const row = [outside];
      t.lines.forEach((line, l) => { if (line.code !== 'total') row.push(cell[l][j]); });
      row.push({ ...total[j], a: -1 });
      add(row, 'equal', 0);
    });
    const bases = methods?.get(t.byLabel);
    if (!bases || !everyone) continue;
    t.lines.forEach((line, l) => {
      const base = bases.get(line.label);
      if (line.code === 'total' || base === undefined || base === null) return;
      if (single) {
        add(cell[l], 'equal', base);
      } else {
        cell[l].forEach((term) => add([term], 'max', base));
      }
    });
  }
  return { hidden, terms };
}

// A single choice, as a reader tells: its total line, all published, adds
// up to all who answered.
function isSingle(tables) {
  const answered = tables[0].answered;
  const line = tables.map((t) => t.lines.findIndex((l) => l.code === 'total'))
    .map((l, i) => (l < 0 ? null : tables[i].n[l]))
    .find((n) => n && n.every((x) => x !== null));
  return answered !== null && line !== undefined && line.reduce((s, x) => s + x, 0) === answered;
}

// The intervals of every hidden count of one question's tables.
export function intervals(tables, methods) {
  const model = lp();
  const { hidden } = addQuestion(model, tables, methods, '');
  for (const cell of hidden) {
    cell.lower = model.extreme(cell.v, 'min');
    cell.upper = model.extreme(cell.v, 'max');
  }
  return hidden;
}

// Two versions read together, by a reader who takes answers only to
// accumulate: every count now is the count then plus the new
// respondents' count, never negative. For each question both publish (the
// same choices), the intervals of the hidden counts of both versions and
// of the new respondents' counts (`added`) that either version hides.
// Null intervals where the premise is false (no solution).
export function together(earlier, later) {
  const before = new Map(questions(earlier).map((q) => [`${q.group}/${q.question}`, q]));
  const methodsThen = readMethods(path.join(earlier, 'en', 'methods.html'));
  const methodsNow = readMethods(path.join(later, 'en', 'methods.html'));
  const out = [];
  for (const now of questions(later)) {
    const then = before.get(`${now.group}/${now.question}`);
    if (!then || then.tables[0].choices.join() !== now.tables[0].choices.join()) continue;
    const model = lp();
    const single = isSingle(then.tables) || isSingle(now.tables);
    const a = addQuestion(model, then.tables, methodsThen.get(now.group), 'then:', single);
    const b = addQuestion(model, now.tables, methodsNow.get(now.group), 'now:', single);
    const cells = [...a.hidden.map((c) => ({ ...c, version: 'then' })),
                   ...b.hidden.map((c) => ({ ...c, version: 'now' }))];
    // Each line of the later version against the earlier's holding the
    // same organisations: its own line, or where merging changed, the
    // union of the lines it overlaps (the sums of their counts).
    let totalLinked = false;
    for (const t of now.tables) {
      const before = then.tables.find((x) => x.file === t.file);
      if (!before) continue;
      const matches = matchMakeUp(before.lines.map((l) => makeUp(l.label, before.merged)),
                                  t.lines.map((l) => makeUp(l.label, t.merged)));
      for (const match of matches) {
        const linesNow = match.now.map((l) => t.lines[l]);
        const linesThen = match.then.map((l) => before.lines[l]);
        const total = linesNow.some((l) => l.code === 'total');
        if (total && totalLinked) continue;  // one total line for all the question's tables
        totalLinked = totalLinked || total;
        const one = linesNow.length === 1 && linesThen.length === 1;
        t.choices.forEach((choice, j) => {
          const ys = linesNow.map((l) => b.terms.get(`${t.file}|${l.code}|${j}`));
          const xs = linesThen.map((l) => a.terms.get(`${before.file}|${l.code}|${j}`));
          // Counts both versions publish of one line: the differencing check's.
          if (one && xs[0].v === undefined && ys[0].v === undefined) return;
          const v = model.variable(`added:${t.file}|${linesNow.map((l) => l.code).join('+')}|${j}`);
          model.add([...ys, ...xs.map((x) => ({ ...x, a: -1 })), { v, a: -1 }], 'equal', 0);
          cells.push({
            file: t.file, line: linesNow.map((l) => l.label).join(' + '), code: linesNow[0].code,
            codes: { now: linesNow.map((l) => l.code), then: linesThen.map((l) => l.code) },
            choice, v, version: 'added',
          });
        });
      }
    }
    for (const cell of cells) {
      cell.lower = model.extreme(cell.v, 'min');
      cell.upper = model.extreme(cell.v, 'max');
      out.push(cell);
    }
  }
  return out;
}

// A reader who also reads the registry: how many organisations were
// invited in each cross-class of the two breakdowns (`joint`: "LINE|LINE"
// codes → invited). A question's two breakdowns are then margins of the
// unpublished cross-classification, whose cells are whole numbers ≥ 0:
// in a class, each count is no more than the class's respondents, who
// are no more than its invited (for a single choice, the counts add up to
// them); all classes' respondents are all who answered, a line's are the
// methods page's where it gives them. The intervals of every hidden count
// of a question's tables read so, with the methods page as in `attack`;
// each cell of a breakdown line also gets `most`, the most respondents
// its line can have for this reader (a count need reach no further).
// `joint` may also be a function of the target group and its two
// breakdown tables, giving that group's classes (null: none).
export function crossed(version, joint) {
  const out = [];
  const methods = readMethods(path.join(version, 'en', 'methods.html'));
  for (const { group, tables } of questions(version)) {
    const breakdowns = tables.filter((t) => t.lines.some((line) => line.code !== 'total'));
    if (breakdowns.length !== 2) continue;
    const invited = typeof joint === 'function' ? joint(group, breakdowns) : joint;
    if (!invited) continue;
    const classes = Object.entries(invited).map(([key, n]) => ({ codes: key.split('|'), invited: n }));
    const model = lp();
    const { hidden, terms } = addQuestion(model, tables, methods.get(group), '');
    const single = isSingle(tables);
    const choices = tables[0].choices;
    const cell = new Map();  // class index → per choice its variable
    const base = new Map();  // class index → its respondents
    classes.forEach((c, x) => {
      const b = model.variable(`joint|${c.codes.join('|')}|base`);
      model.add([{ v: b, a: 1 }], 'max', c.invited);
      base.set(x, b);
      cell.set(x, choices.map((_, j) => {
        const v = model.variable(`joint|${c.codes.join('|')}|${j}`);
        model.add([{ v, a: 1 }, { v: b, a: -1 }], 'max', 0);
        return v;
      }));
      if (single) model.add([...cell.get(x).map((v) => ({ v, a: 1 })), { v: b, a: -1 }], 'equal', 0);
    });
    const answered = tables[0].answered;
    if (answered !== null) model.add([...base.values()].map((v) => ({ v, a: 1 })), 'equal', answered);
    const everyone = answered !== null && answered === tables[0].respondents;
    const lineBase = new Map();  // file|line code → variable
    breakdowns.forEach((t) => {
      const side = classes.some((c) => t.lines.some((line) => line.code === c.codes[0])) ? 0 : 1;
      const shown = new Set(t.lines.map((line) => line.code));
      const bases = methods.get(group)?.get(t.byLabel);
      for (const line of t.lines) {
        if (line.code === 'total') continue;
        const v = model.variable(`${t.file}|${line.code}|base`);
        const row = [{ v, a: -1 }];
        classes.forEach((c, x) => { if (c.codes[side] === line.code) row.push({ v: base.get(x), a: 1 }); });
        model.add(row, 'equal', 0);
        const known = bases?.get(line.label);
        if (everyone && known !== undefined && known !== null) model.add([{ v, a: 1 }], 'equal', known);
        lineBase.set(`${t.file}|${line.label}`, v);
      }
      choices.forEach((_, j) => {
        const rest = [];
        for (const line of t.lines) {
          if (line.code === 'total') continue;
          const row = [];
          classes.forEach((c, x) => { if (c.codes[side] === line.code) row.push({ v: cell.get(x)[j], a: 1 }); });
          row.push({ ...terms.get(`${t.file}|${line.code}|${j}`), a: -1 });
          model.add(row, 'equal', 0);
        }
        classes.forEach((c, x) => { if (!shown.has(c.codes[side])) rest.push({ v: cell.get(x)[j], a: 1 }); });
        rest.push({ v: model.variable(`${t.file}|outside|${j}`), a: -1 });
        model.add(rest, 'equal', 0);
      });
    });
    const most = new Map();
    for (const c of hidden) {
      c.lower = model.extreme(c.v, 'min');
      c.upper = model.extreme(c.v, 'max');
      const key = `${c.file}|${c.line}`;
      if (lineBase.has(key) && !most.has(key)) most.set(key, model.extreme(lineBase.get(key), 'max'));
      if (most.has(key)) c.most = most.get(key);
      out.push(c);
    }
  }
  return out;
}

// The registry's organisations (a CSV as Statistics Finland's: the
// region's English name, the language status, the population), by the
// lines of a question's two breakdowns, as any reader places them: a
// region under its own line or the line whose merge note names it; a
// population under the line whose label's range holds it ("under 2,000",
// "2,000–4,999", "20,000 and over"), its own or of a class merged into
// it; a language status under the line of its code. `breakdowns`: a
// question's two breakdown tables (readTable). Returns "LINE|LINE" codes
// (in the order of `breakdowns`) → organisations, and how many were placed
// in no line (which would be a misreading); null for a breakdown it
// cannot read.
export function registryClasses(csvFile, breakdowns) {
  const [header, ...rows] = readFileSync(csvFile, 'utf8').trim().split('\n')
    .map((line) => line.replace(/\r$/, '').match(/("[^"]*"|[^,]*)(,|$)/g)
      .map((x) => x.replace(/,$/, '').replace(/^"|"$/g, '')));
  const value = (row, name) => row[header.indexOf(name)];
  const linesOf = (t) => t.lines.filter((l) => l.code !== 'total')
    .map((l) => ({ code: l.code, covers: t.merged.get(l.label) ?? [l.label] }));
  const range = (label) => {
    const number = (x) => Number(x.replace(/,/g, ''));
    let m = label.match(/^under ([\d,]+)$/);
    if (m) return [0, number(m[1]) - 1];
    m = label.match(/^([\d,]+)–([\d,]+)$/);
    if (m) return [number(m[1]), number(m[2])];
    m = label.match(/^([\d,]+) and over$/);
    if (m) return [number(m[1]), Infinity];
    throw new Error(`a size class label that names no range: ${label}`);
  };
  // Per breakdown: the line code an organisation (a CSV row) falls in.
  const place = breakdowns.map((t) => {
    const lines = linesOf(t);
    if (t.byLabel === 'Region') {
      return (row) => lines.find((l) => l.covers.includes(value(row, 'region_en')))?.code;
    }
    if (t.byLabel.startsWith('Size class')) {
      const ranges = lines.map((l) => ({ code: l.code, ranges: l.covers.map(range) }));
      return (row) => {
        const population = Number(value(row, 'population_2022'));
        return ranges.find((l) => l.ranges.some(([lo, hi]) => lo <= population && population <= hi))?.code;
      };
    }
    if (t.byLabel === 'Language status' && t.merged.size === 0) {
      return (row) => lines.find((l) => l.code === value(row, 'language'))?.code;
    }
    return null;
  });
  if (place.includes(null)) return null;
  const joint = {};
  let unplaced = 0;
  for (const row of rows) {
    const codes = place.map((at) => at(row));
    if (codes.includes(undefined)) { ++unplaced; continue; }
    const key = codes.join('|');
    joint[key] = (joint[key] || 0) + 1;
  }
  return { joint, unplaced };
}

// `crossed` over folder/round-N of tests/random_releases (each with its
// truth.json and joint.json): the hidden counts, those of 1 … k−1, and
// those narrowed against the rule (up to k, or to all who can have
// answered where fewer can), said.
export function crossedRounds(dir) {
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
      const reach = Math.min(truth.k, readTable(path.join(dir, round, 'v1', cell.file)).answered,
                             cell.most ?? Infinity);
      if (cell.lower > 0 || cell.upper < reach) {
        narrowed.push(`${round} (${truth.organisations} organisations, k = ${truth.k}) ${cell.file} ` +
                      `${cell.line} ${cell.choice}: ${value} lies in ${cell.lower}–${cell.upper}`);
      }
    }
  }
  return { rounds, hidden, few, narrowed };
}

// Every hidden count of a release version (folder .../ROUND/vN), with its
// interval; `breaches` are those certainly of 1 … k−1.
export function attack(version, k) {
  const methods = readMethods(path.join(version, 'en', 'methods.html'));
  const cells = [];
  for (const { group, tables } of questions(version)) {
    for (const cell of intervals(tables, methods.get(group))) cells.push(cell);
  }
  const breaches = cells.filter((c) => c.lower !== null && c.lower >= 1 && c.upper <= k - 1);
  const narrow = cells.filter((c) => c.upper !== null && c.upper - c.lower < 2);
  return { cells, breaches, narrow };
}

// Differencing: a count that two versions of the round both publish, and
// that changed by 1 … k−1, tells what that many respondents answered. The
// cells so found, over every pair of versions.
export function differences(versions, k) {
  const found = [];
  for (let a = 0; a < versions.length; ++a) {
    for (let b = a + 1; b < versions.length; ++b) {
      for (const { group, tables } of questions(versions[b])) {
        for (const later of tables) {
          const file = path.join(versions[a], later.file);
          if (!existsSync(file)) continue;
          const earlier = readTable(file);
          later.lines.forEach((line, l) => later.choices.forEach((choice, j) => {
            const e = earlier.lines.findIndex((x) => x.code === line.code);
            const c = earlier.choices.indexOf(choice);
            if (e < 0 || c < 0) return;
            const then = earlier.n[e][c];
            const now = later.n[l][j];
            if (then === null || now === null) return;
            const change = Math.abs(now - then);
            if (change > 0 && change < k) found.push({ file: later.file, group, line: line.label, choice, then, now });
          }));
        }
      }
    }
  }
  return found;
}

// A table's summaries as a reader has them: per line its code, make-up
// (the categories merged into it, or its own), mean and number of valid
// answers (null where not published). An amount's table has the measures
// "mean" and "n"; a rating's, its counts per choice (the valid answers are
// those not "don't know", known where none is hidden) and its means in
// extension.kartla.summary. Null for other tables.
export function readSummaries(file) {
  const d = JSON.parse(readFileSync(file, 'utf8'));
  const lines = d.dimension.line.category.index;
  const labels = d.dimension.line.category.label || {};
  const merged = mergedLines(d);
  const measures = d.dimension.measure.category.index;
  const status = d.status || {};
  const value = (i) => (status[String(i)] === '..' || d.value[i] === null ? null : d.value[i]);
  const line = (code, mean, valid) => ({
    code, makeUp: makeUp(labels[code] ?? code, merged),
    mean: mean === null || valid === null ? null : mean, valid: mean === null ? null : valid,
  });
  if (!d.id.includes('choice')) {
    const mean = measures.indexOf('mean'), n = measures.indexOf('n');
    if (mean < 0 || n < 0) return null;
    return lines.map((code, l) => line(code, value(l * measures.length + mean),
                                       value(l * measures.length + n)));
  }
  const summary = d.extension?.kartla?.summary;
  if (!summary) return null;
  const choices = d.dimension.choice.category.index;
  const choiceLabels = d.dimension.choice.category.label;
  const at = measures.indexOf('n');
  return lines.map((code, l) => {
    let valid = 0;
    choices.forEach((choice, j) => {
      if (/don.t know/i.test(choiceLabels[choice])) return;
      const n = value((l * choices.length + j) * measures.length + at);
      valid = valid === null || n === null ? null : valid + n;
    });
    return line(code, summary[code]?.mean ?? null, valid);
  });
}

// Differencing of means: lines whose means two versions both publish
// (a line, or where merging changed, the lines of each holding the same
// organisations), with 1 … k−1 more valid answers in the later, tell the
// mean of those few (n₂·m₂ − n₁·m₁ over n₂ − n₁, summed over the lines, as
// weighted sums where weights are used). The lines so found, over every
// pair of versions.
export function meanDifferences(versions, k) {
  const found = [];
  const tablesOf = (version) => {
    const out = [];
    for (const group of readdirSync(version, { withFileTypes: true })) {
      if (!group.isDirectory() || ['fi', 'sv', 'en'].includes(group.name)) continue;
      for (const name of readdirSync(path.join(version, group.name))) {
        if (name.endsWith('.en.json')) out.push(path.join(group.name, name));
      }
    }
    return out;
  };
  for (let a = 0; a < versions.length; ++a) {
    for (let b = a + 1; b < versions.length; ++b) {
      for (const file of tablesOf(versions[b])) {
        if (!existsSync(path.join(versions[a], file))) continue;
        const later = readSummaries(path.join(versions[b], file));
        const earlier = later && readSummaries(path.join(versions[a], file));
        if (!earlier) continue;
        for (const match of matchMakeUp(earlier.map((l) => l.makeUp), later.map((l) => l.makeUp))) {
          const then = match.then.map((l) => earlier[l]), now = match.now.map((l) => later[l]);
          if ([...then, ...now].some((l) => l.mean === null)) continue;
          const valid = (lines) => lines.reduce((s, l) => s + l.valid, 0);
          const sum = (lines) => lines.reduce((s, l) => s + l.valid * l.mean, 0);
          const since = valid(now) - valid(then);
          if (since > 0 && since < k) {
            found.push({ file, line: now.map((l) => l.code).join(' + '),
                         then: { valid: valid(then), sum: sum(then) },
                         now: { valid: valid(now), sum: sum(now) }, since,
                         mean: (sum(now) - sum(then)) / since });
          }
        }
      }
    }
  }
  return found;
}
