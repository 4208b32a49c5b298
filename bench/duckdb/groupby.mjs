// DuckDB, in memory, as the yardstick of the results benchmark: loads the
// CSV that results_bench wrote (not timed), then times the GROUP BY queries
// equivalent to Kartla's distributions: every question overall, by region,
// size class, language, and region × size class.
//   node bench/duckdb/groupby.mjs FILE.csv
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
let started = performance.now();
await db.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file}', header = true)`);
const loaded = (performance.now() - started) / 1000;
const rows = (await db.runAndReadAll('SELECT count(*) FROM t')).getRows()[0][0];
const threads = (await db.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];

const groupings = [[], ['region'], ['size_class'], ['language'], ['region', 'size_class']];
let groups = 0;
started = performance.now();
for (let q = 1; q <= 50; ++q) {
  for (const by of groupings) {
    const keys = [...by, `q${q}`].join(', ');
    const result = await db.runAndReadAll(
      `SELECT ${keys}, count(*) FROM t WHERE q${q} IS NOT NULL GROUP BY ${keys}`);
    groups += result.getRows().length;
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(`duckdb ${(await db.runAndReadAll('SELECT version()')).getRows()[0][0]}, ` +
            `${threads} threads: ${rows} rows loaded in ${loaded.toFixed(2)} s (not timed); ` +
            `250 GROUP BY queries: ${seconds.toFixed(3)} s; ${groups} groups`);
console.log(`duckdb_seconds=${seconds.toFixed(6)}`);
