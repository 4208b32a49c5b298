// How much a reader who also reads the registry (the invited
// organisations per region × size class) narrows the hidden counts of
// random rounds, whose two breakdowns are margins of the same unpublished
// cross-classification (attacker.mjs, `crossed`; HiGHS solves):
//
//   build/ci/tests/random_releases /tmp/rounds 10 19 crossed
//   (cd tests/browser && node crossed.mjs /tmp/rounds)
//
// With "crossed-alone" instead of "crossed", the rounds are protected as
// before Kartla read the breakdowns with the registry, and the reader
// narrows some counts. The attacker test runs both.
import { crossedRounds, useHighs } from './attacker.mjs';

await useHighs();
const { rounds, hidden, few, narrowed } = crossedRounds(process.argv[2]);
console.log(`${rounds} rounds: ${hidden} hidden counts, ${few} of them 1 … k−1, ` +
            `${narrowed.length} narrowed against the rule by the cross-classification`);
for (const line of narrowed) console.log(line);
