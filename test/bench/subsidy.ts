// `npm run bench -- subsidy [--facilities N] [--period YYYY-MM] [--history M]`: prepares one month's operating-subsidy
// batch for every facility of 蚌埠市 (340300) through the application's service (`prepareBatch`), on the
// PostgreSQL database of DATABASE_URL filled by `npm run db:synth` (the bench does not fill it: that
// takes minutes and drops data). The period defaults to the last synthesized month; `--history M` first
// prepares the M months before it (untimed, once: they stay), so the timed batch meets a table holding
// earlier lines and facilities with months already subsidised this year.
//
// Baseline, in the same run: a plain `INSERT … SELECT` of the same number of lines into a scratch table
// with subsidy_lines' columns, defaults, checks and indexes (LIKE … INCLUDING ALL; no foreign keys, no
// trigger), one row per facility with its report and bank details and a decision padded to the batch's
// average stored decision size — what writing the lines costs with no rules, no snapshot and no chunking.
// Prints one JSON line:
//   {"bench":"subsidy","facilities":…,"seconds":…,"baselineSeconds":…,"ratio":…,"bytesPerLine":…,…}
// bytesPerLine = avg(pg_column_size(line row)) over the batch's lines (decision TOASTed or not, as
// stored); tableBytesPerLine = subsidy_lines' total relation size (heap, TOAST, indexes) ÷ its rows.
// Repeatable: a prepared (not yet approved) batch of the period from an earlier run is deleted first; if
// the period's batch is approved or paid, the latest earlier month whose batch is not is used instead.
import { randomBytes, randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { openPostgres } from "../../db/client";
import type { Actor } from "../../app/auth/session.server";
import { prepareBatch } from "../../app/services/subsidy.server";

const CITY = "340300";
const BASELINE_TABLE = "bench_subsidy_lines_baseline";

type Args = { facilities: number; period: string | null; history: number };

function parseArgs(args: string[]): Args {
  const out: Args = { facilities: 100_000, period: null, history: 0 };
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === "--facilities") out.facilities = Number(args[(i += 1)]);
    else if (args[i] === "--period") out.period = args[(i += 1)] ?? null;
    else if (args[i] === "--history") out.history = Number(args[(i += 1)]);
  }
  if (!Number.isInteger(out.history) || out.history < 0 || out.history > 11) throw new Error("--history must be 0–11 months");
  if (!Number.isInteger(out.facilities) || out.facilities < 1) throw new Error("--facilities must be a positive whole number");
  if (out.period !== null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(out.period)) throw new Error("--period must be YYYY-MM");
  return out;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    process.stderr.write("bench subsidy: set DATABASE_URL to a PostgreSQL database filled by `npm run db:synth` (PGlite is not the target).\n");
    process.exitCode = 2;
    return;
  }
  const handle = openPostgres(url, { max: 4 });
  const sql = handle.client;
  try {
    const [{ path: cityPrefix } = { path: "" }] = await sql<{ path: string }[]>`SELECT path FROM jurisdictions WHERE code = ${CITY}`;
    const cityPath = `${cityPrefix}%`;
    const [{ n } = { n: "0" }] = await sql<{ n: string }[]>`
      SELECT count(*) AS n FROM facilities WHERE jurisdiction_code IN (SELECT code FROM jurisdictions WHERE path LIKE ${cityPath})`;
    if (Number(n) < args.facilities) {
      process.stderr.write(
        `bench subsidy: the database has ${n} facilities in 蚌埠市, fewer than ${args.facilities}. Fill it first:\n` +
          `  DATABASE_URL=${url} npm run db:synth -- --facilities ${args.facilities} --reset\n`,
      );
      process.exitCode = 2;
      return;
    }

    // the preparer: the demo city reviewer when seeded, else a bench reviewer scoped to the city
    const actor = await reviewerActor(sql);

    // the period: the one asked for, else the last synthesized month; an approved or paid batch of it
    // cannot be redone (nothing approved is ever edited), so fall back to an earlier month without one
    const periods = (await sql<{ period: string }[]>`SELECT DISTINCT period FROM enrolment_reports ORDER BY period DESC`).map((r) => r.period);
    const batches = await sql<{ id: string; period: string; status: string }[]>`
      SELECT b.id, b.period, b.status FROM subsidy_batches b
       WHERE b.jurisdiction_code IN (SELECT code FROM jurisdictions WHERE path LIKE ${cityPath})`;
    const frozen = new Set(batches.filter((b) => b.status === "approved" || b.status === "paid").map((b) => b.period));
    let period = args.period ?? periods[0];
    if (!period) throw new Error("bench subsidy: no enrolment reports — run npm run db:synth first");
    if (frozen.has(period)) {
      const fresh = periods.find((p) => p < (period ?? "") && !frozen.has(p));
      if (!fresh) throw new Error(`bench subsidy: no synthesized month before ${period} without an approved batch; run db:synth --reset`);
      process.stderr.write(`bench subsidy: ${period} is approved or paid; using ${fresh}\n`);
      period = fresh;
    }
    for (const b of batches.filter((x) => x.period === period)) {
      await sql.begin(async (tx) => {
        await tx`DELETE FROM subsidy_lines WHERE batch_id = ${b.id}`;
        await tx`DELETE FROM subsidy_batch_totals WHERE batch_id = ${b.id}`;
        await tx`DELETE FROM subsidy_batches WHERE id = ${b.id}`;
      });
    }
    // earlier months first (untimed, left prepared): a table with a year's lines, and the months already
    // subsidised this year, as the batch meets them in production
    const earlier = periods.filter((p) => p < period).slice(0, args.history).reverse();
    for (const month of earlier) {
      if (batches.some((b) => b.period === month)) continue;
      const h0 = performance.now();
      await prepareBatch(handle.db, actor, { jurisdictionCode: CITY, period: month });
      process.stderr.write(`bench subsidy: history ${month} prepared in ${Math.round((performance.now() - h0) / 100) / 10} s\n`);
    }
    await sql`VACUUM ANALYZE subsidy_lines`;
    const [{ n: linesBefore } = { n: "0" }] = await sql<{ n: string }[]>`SELECT count(*) AS n FROM subsidy_lines`;

    // ---- the service ----
    const t0 = performance.now();
    const { batchId } = await prepareBatch(handle.db, actor, { jurisdictionCode: CITY, period });
    const seconds = (performance.now() - t0) / 1000;

    const [stats] = await sql<
      { lines: string; payable: string; total: string | null; row_bytes: string; decision_bytes: string; decision_raw: string; status: string; provisional: boolean }[]
    >`
      SELECT count(*) AS lines, count(*) FILTER (WHERE l.payable) AS payable, sum(l.amount_fen) FILTER (WHERE l.payable) AS total,
             avg(pg_column_size(l.*)) AS row_bytes, avg(pg_column_size(l.decision)) AS decision_bytes,
             avg(octet_length(l.decision::text)) AS decision_raw,
             (SELECT status FROM subsidy_batches WHERE id = ${batchId}) AS status,
             (SELECT provisional FROM subsidy_batches WHERE id = ${batchId}) AS provisional
        FROM subsidy_lines l WHERE l.batch_id = ${batchId}`;
    const lines = Number(stats?.lines ?? 0);
    const reasons = await sql<{ reason: string; n: string }[]>`
      SELECT r AS reason, count(*) AS n FROM subsidy_lines l, jsonb_array_elements_text(l.reasons) r
       WHERE l.batch_id = ${batchId} GROUP BY r ORDER BY count(*) DESC LIMIT 6`;
    await sql`ANALYZE subsidy_lines`;
    const [table] = await sql<{ bytes: string; heap: string; rows: string }[]>`
      SELECT pg_total_relation_size('subsidy_lines') AS bytes, pg_relation_size('subsidy_lines') AS heap, (SELECT count(*) FROM subsidy_lines) AS rows`;

    // ---- the baseline: the same number of lines, one plain INSERT … SELECT ----
    const baseline = await runBaseline(sql, cityPath, period, lines, Math.round(Number(stats?.decision_bytes ?? 0)));

    process.stdout.write(
      `${JSON.stringify({
        bench: "subsidy",
        facilities: Number(n),
        jurisdiction: CITY,
        period,
        batchId,
        batchStatus: stats?.status,
        seconds: round(seconds),
        baselineSeconds: round(baseline.seconds, 3),
        ratio: round(seconds / baseline.seconds, 1),
        lines,
        linesInTableBefore: Number(linesBefore),
        payable: Number(stats?.payable ?? 0),
        excluded: lines - Number(stats?.payable ?? 0),
        totalFen: Number(stats?.total ?? 0),
        provisional: stats?.provisional ?? null,
        linesPerSecond: Math.round(lines / seconds),
        bytesPerLine: Math.round(Number(stats?.row_bytes ?? 0)),
        decisionBytes: Math.round(Number(stats?.decision_bytes ?? 0)),
        decisionJsonChars: Math.round(Number(stats?.decision_raw ?? 0)),
        baselineLines: baseline.lines,
        baselineBytesPerLine: baseline.rowBytes,
        baselineDecisionBytes: baseline.decisionBytes,
        tableBytesPerLine: Math.round(Number(table?.bytes ?? 0) / Math.max(1, Number(table?.rows ?? 0))),
        heapBytesPerLine: Math.round(Number(table?.heap ?? 0) / Math.max(1, Number(table?.rows ?? 0))),
        // other work on this 2-core machine inflates the times: the 1-minute load average at the end
        loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
        topReasons: Object.fromEntries(reasons.map((r) => [r.reason, Number(r.n)])),
      })}\n`,
    );
  } finally {
    await handle.close();
  }
}

async function reviewerActor(sql: ReturnType<typeof openPostgres>["client"]): Promise<Actor> {
  let [user] = await sql<{ id: string; username: string; display_name: string }[]>`
    SELECT u.id, u.username, u.display_name FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'reviewer'
     WHERE u.jurisdiction_code = ${CITY} AND u.active ORDER BY u.username = 'bb-reviewer' DESC, u.username LIMIT 1`;
  if (!user) {
    // no password: nobody signs in as it
    const id = `bench-${randomBytes(8).toString("hex")}`;
    await sql`INSERT INTO users (id, username, display_name, password_hash, jurisdiction_code) VALUES (${id}, 'bench-subsidy-reviewer', '基准测试审核员', '!', ${CITY})`;
    await sql`INSERT INTO user_roles (user_id, role) VALUES (${id}, 'reviewer')`;
    user = { id, username: "bench-subsidy-reviewer", display_name: "基准测试审核员" };
  }
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    roles: ["reviewer"],
    jurisdictionCode: CITY,
    organisationId: null,
    organisationJurisdictionCode: null,
    mustChangePassword: false,
    sessionId: "bench-subsidy",
    ip: "127.0.0.1",
    userAgent: "bench subsidy",
  };
}

/**
 * `lines` rows into a scratch copy of subsidy_lines (same columns, defaults, checks and indexes) in one
 * INSERT … SELECT over the city's filed facilities: one batch id, the report, the bank details and a
 * decision of the batch's average stored size (a facts object padded with incompressible text).
 */
async function runBaseline(sql: ReturnType<typeof openPostgres>["client"], cityPath: string, period: string, lines: number, decisionBytes: number) {
  await sql.unsafe(`DROP TABLE IF EXISTS ${BASELINE_TABLE}`);
  await sql.unsafe(`CREATE TABLE ${BASELINE_TABLE} (LIKE subsidy_lines INCLUDING ALL)`);
  const from = `FROM (SELECT * FROM facilities
                      WHERE jurisdiction_code IN (SELECT code FROM jurisdictions WHERE path LIKE $3) AND filed_on IS NOT NULL
                      ORDER BY id LIMIT $4) f
                LEFT JOIN enrolment_reports r ON r.facility_id = f.id AND r.period = $1
                LEFT JOIN facility_bank_accounts b ON b.facility_id = f.id`;
  const decision = `jsonb_build_object(
      'snapshot', jsonb_build_object('jurisdiction', f.jurisdiction_code, 'facility', jsonb_build_object('kind', f.kind, 'totalSlots', f.total_slots),
                                     'filing', jsonb_build_object('status', f.filing_state, 'filedOn', f.filed_on),
                                     'enrolment', jsonb_build_object('period', $1::text, 'approved', r.approved_version IS NOT NULL,
                                                                     'fullDayChildren', r.approved_full_day_children)),
      'status', 'eligible', 'asOf', current_date, 'pad', $2::text)`;
  try {
    // the facts part's stored size, so the padding brings the decision to the batch's average
    const [facts] = await sql.unsafe<{ bytes: string }[]>(`SELECT avg(pg_column_size(${decision})) AS bytes ${from}`, [period, "", cityPath, 1000]);
    const padLength = Math.max(0, decisionBytes - Math.round(Number(facts?.bytes ?? 0)));
    const pad = randomBytes(padLength).toString("base64").slice(0, padLength);
    const t0 = performance.now();
    await sql.unsafe(
      `INSERT INTO ${BASELINE_TABLE} (batch_id, facility_id, facility_name, jurisdiction_code, period, kind, payable, amount_fen, entitled_fen, status, reasons, decision,
                                      rules_version, local_parameters_version, enrolment_version, provisional, account_name, bank_name, account_number)
       SELECT $5::uuid, f.id, f.name, f.jurisdiction_code, $1, 'original', coalesce(r.approved_full_day_children, 0) > 0,
              coalesce(r.approved_full_day_children, 0) * 20000, coalesce(r.approved_full_day_children, 0) * 20000,
              'eligible', '[]'::jsonb, ${decision}, 'baseline', NULL, r.approved_version, true, b.account_name, b.bank_name, b.account_number
       ${from}`,
      [period, pad, cityPath, lines, randomUUID()],
    );
    const seconds = (performance.now() - t0) / 1000;
    const [row] = await sql.unsafe<{ bytes: string; decision: string; n: string }[]>(
      `SELECT avg(pg_column_size(t.*)) AS bytes, avg(pg_column_size(t.decision)) AS decision, count(*) AS n FROM ${BASELINE_TABLE} t`,
    );
    return { seconds, lines: Number(row?.n ?? 0), rowBytes: Math.round(Number(row?.bytes ?? 0)), decisionBytes: Math.round(Number(row?.decision ?? 0)) };
  } finally {
    await sql.unsafe(`DROP TABLE IF EXISTS ${BASELINE_TABLE}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main(process.argv.slice(2));
