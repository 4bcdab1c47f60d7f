// `npm run bench -- directory [facilities]`: public directory search latency with 100,000 filed
// facilities in an embedded database (the evaluation mode; PostgreSQL is faster). Prints one JSON line
// with the median and p95 milliseconds of each query kind over repeated runs.
import { sql } from "drizzle-orm";
import { migrateDb, openPglite } from "../../db/client";
import { seedReferenceData } from "../../db/seed";
import { searchDirectory, type DirectoryQuery } from "../../app/services/filing.server";

const COUNTIES = ["340302", "340303", "340304", "340311", "340321", "340322", "340323", "659002", "659002101", "659002102"];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0;
}

export async function main(args: string[]): Promise<void> {
  const n = Number(args[0] ?? 100_000);
  const handle = await openPglite();
  await migrateDb(handle);
  await seedReferenceData(handle.db);
  const db = handle.db;
  const started = performance.now();
  await db.execute(sql`INSERT INTO organisations (id, name, jurisdiction_code) VALUES ('00000000-0000-4000-8000-000000000001', '基准测试举办者', '340300')`);
  // names mix a few common words so a substring search matches a realistic share of rows
  await db.execute(sql.raw(`
    INSERT INTO facilities (id, organisation_id, name, jurisdiction_code, kind, service_types, total_slots, filing_state, receipt_number, filed_on)
    SELECT gen_random_uuid(), '00000000-0000-4000-8000-000000000001',
           (ARRAY['小星星','禾苗','阳光','彩虹','童心','爱心','启航','春芽'])[1 + g % 8] || (ARRAY['托育中心','托育园','宝贝屋','成长中心'])[1 + (g / 8) % 4] || g,
           (ARRAY[${COUNTIES.map((c) => `'${c}'`).join(",")}])[1 + g % ${COUNTIES.length}],
           (ARRAY['standalone','community_embedded','employer_run','kindergarten_class'])[1 + g % 4],
           CASE WHEN g % 3 = 0 THEN ARRAY['full_day','half_day'] ELSE ARRAY['full_day'] END,
           20 + g % 80, 'filed', 'BENCH-' || g, DATE '2026-01-01'
    FROM generate_series(1, ${n}) AS g`));
  await db.execute(sql`
    INSERT INTO directory_entries (facility_id, name, jurisdiction_code, kind, service_types, total_slots, receipt_number, filed_on, organisation_name)
    SELECT id, name, jurisdiction_code, kind, service_types, total_slots, receipt_number, filed_on, '基准测试举办者' FROM facilities`);
  await db.execute(sql`ANALYZE`);
  const setupMs = performance.now() - started;

  const queries: Record<string, DirectoryQuery> = {
    nameSubstring: { q: "禾苗托育", page: 1, pageSize: 20 },
    county: { county: "340321", page: 1, pageSize: 20 },
    cityKindService: { county: "340300", kind: "standalone", service: "half_day", page: 1, pageSize: 20 },
    allPage50: { page: 50, pageSize: 20 },
  };
  const results: Record<string, { medianMs: number; p95Ms: number; rows: number }> = {};
  for (const [name, query] of Object.entries(queries)) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < 25; i += 1) {
      const t0 = performance.now();
      const r = await searchDirectory(db, query);
      times.push(performance.now() - t0);
      rows = r.rows.length;
    }
    times.sort((a, b) => a - b);
    results[name] = { medianMs: Math.round(percentile(times, 0.5) * 10) / 10, p95Ms: Math.round(percentile(times, 0.95) * 10) / 10, rows };
  }
  await handle.close();
  process.stdout.write(`${JSON.stringify({ bench: "directory", facilities: n, engine: "pglite", setupMs: Math.round(setupMs), ...results })}\n`);
}
