// Rules benchmark: 100,000 seeded synthetic facilities (both cities, ~4 classes, ~15 staff, ~5 documents
// each), all 12 measures with full trace on one core; then the three measures `staffing.compliant`,
// `filing.complete` and `utility.residential_price` by the engine, by a hand-written function
// (hand-written.ts) and by json-rules-engine (json-rules-engine.ts, facts precomputed before timing).
// The three must agree on every status or the run fails. Prints one JSON line:
//   {"bench":"rules","facilities":100000,"perSecond":…,"vsHandWritten":…,"vsJsonRulesEngine":…}
// vsHandWritten = engine time ÷ hand-written time (three measures); vsJsonRulesEngine = json-rules-engine
// time ÷ engine time (three measures). Run: npx tsx test/bench/rules.ts [--facilities N]

import { pathToFileURL } from "node:url";
import { evaluate } from "../../rules/engine/evaluate";
import type { Snapshot } from "../../rules/snapshot";
import { handWrittenFilingComplete, handWrittenStaffingCompliant, handWrittenUtilityResidentialPrice } from "./hand-written";
import { createJsonRulesEngine, jreFacts, jreStatuses, THREE_MEASURES } from "./json-rules-engine";
import { prng, syntheticSnapshot } from "./synthetic";

const THREE: readonly string[] = [...THREE_MEASURES];
// Generated and measured in chunks so that 100,000 snapshots never sit in memory at once.
const CHUNK = 10_000;
// The engine and the hand-written code are timed several times per chunk and the fastest pass kept,
// which removes GC and JIT noise from both sides alike.
const PASSES = 3;

type Statuses = Record<string, string>[];

function timeIt(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function fail(message: string): never {
  throw new Error(`rules bench: ${message}`);
}

export async function main(args: string[] = []): Promise<void> {
  const countArg = args.indexOf("--facilities");
  const facilities = countArg >= 0 ? Number(args[countArg + 1]) : 100_000;
  const rand = prng(20260301);
  let allMs = 0;
  let engineThreeMs = 0;
  let handMs = 0;
  let jreMs = 0;
  const engine = createJsonRulesEngine();

  // Warm-up on a separate seed: the JIT should not be measured.
  const warm = Array.from({ length: 2_000 }, ((r) => () => syntheticSnapshot(r))(prng(7)));
  for (let i = 0; i < 3; i++) for (const s of warm) evaluate(s);
  for (const s of warm) evaluate(s, { measures: THREE });
  for (const s of warm) handWrittenFilingComplete(s, s.asOf as string);

  for (let done = 0; done < facilities; done += CHUNK) {
    const n = Math.min(CHUNK, facilities - done);
    const snapshots: Snapshot[] = Array.from({ length: n }, () => syntheticSnapshot(rand));
    const fromEngine: Statuses = new Array(n);
    const fromHand: Statuses = new Array(n);
    const fromJre: Statuses = new Array(n);

    allMs += timeIt(() => {
      for (let i = 0; i < n; i++) {
        const evaluation = evaluate(snapshots[i]);
        const statuses: Record<string, string> = {};
        for (const d of evaluation.determinations) if (THREE.includes(d.measure)) statuses[d.measure] = d.status;
        fromEngine[i] = statuses;
      }
    });

    let bestEngine = Infinity;
    let bestHand = Infinity;
    for (let pass = 0; pass < PASSES; pass++) {
      bestEngine = Math.min(
        bestEngine,
        timeIt(() => {
          for (let i = 0; i < n; i++) {
            const evaluation = evaluate(snapshots[i], { measures: THREE });
            if (evaluation.determinations.length !== 3) fail("selected evaluation did not return three measures");
            for (const d of evaluation.determinations) if (fromEngine[i][d.measure] !== d.status) fail(`selected and full evaluations disagree on ${d.measure}`);
          }
        }),
      );
      bestHand = Math.min(
        bestHand,
        timeIt(() => {
          for (let i = 0; i < n; i++) {
            const s = snapshots[i];
            const date = s.asOf as string;
            fromHand[i] = {
              "filing.complete": handWrittenFilingComplete(s, date),
              "staffing.compliant": handWrittenStaffingCompliant(s),
              "utility.residential_price": handWrittenUtilityResidentialPrice(s),
            };
          }
        }),
      );
    }
    engineThreeMs += bestEngine;
    handMs += bestHand;

    const facts = snapshots.map((s) => jreFacts(s, s.asOf as string));
    const start = performance.now();
    for (let i = 0; i < n; i++) fromJre[i] = await jreStatuses(engine, facts[i]);
    jreMs += performance.now() - start;

    for (let i = 0; i < n; i++) {
      for (const m of THREE) {
        const e = fromEngine[i][m];
        if (fromHand[i][m] !== e || fromJre[i][m] !== e) {
          fail(`facility ${done + i} (${snapshots[i].jurisdiction}, ${snapshots[i].asOf}): ${m} engine=${e} hand-written=${fromHand[i][m]} json-rules-engine=${fromJre[i][m]}`);
        }
      }
    }
  }

  const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
  process.stdout.write(
    `${JSON.stringify({
      bench: "rules",
      facilities,
      perSecond: Math.round((facilities / allMs) * 1000),
      vsHandWritten: round(engineThreeMs / handMs, 2),
      vsJsonRulesEngine: round(jreMs / engineThreeMs, 1),
    })}\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
