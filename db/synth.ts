// `npm run db:synth -- --facilities 100000 [--database-url URL] [--year 2026] [--reset]`
//
// Fills a PostgreSQL database with a realistic province for scale work (DESIGN.md "Scale": 100k
// facilities, 1.2M staff, 1.2M enrolment reports a year): organisations, facilities across 蚌埠's seven
// counties, their classes, documents, staff with qualifications, fees, inclusive certifications with
// certificates, open filings, bank details, the public directory, and a year of approved monthly
// enrolment reports. Everything is set-based: one INSERT … SELECT over generate_series per table, with
// deterministic pseudo-random values (hashint8 of the row number and a salt), so two runs with the same
// arguments produce the same data (apart from random UUIDs of rows nothing references).
//
// Decisions (README "Scale"):
// - All facilities are in 蚌埠 (340302 … 340323): 阿拉尔 has no operating-subsidy rate, and the subsidy
//   benchmark prepares one 蚌埠市 (340300) batch over every facility.
// - The year of reports is the 12 months ending with the last month that is over (Asia/Shanghai): on
//   2026-12-03 that is 2025-12 … 2026-11. `--year Y` ends it with December of Y instead when Y is over.
//   The last month is approved too (the benchmark batches it), except ~1 % still awaiting approval and
//   ~2 % with an amendment waiting (the approved version stays in force) — the enrolment queue's work.
// - Facilities filed during the year report from their filing month; cancelled ones until cancellation.
// - Staff ID numbers are not encrypted row by row: every row carries one ciphertext (of a dummy number,
//   encrypted once with DATA_ENCRYPTION_KEY when it is set, else a placeholder that does not decrypt),
//   a distinct HMAC and a masked form. Pages that list staff work; revealing a number shows the dummy.
// - Demo organisations and accounts are seeded (db/seed.ts; password in db/demo-accounts.ts) so pages can
//   be measured signed in; facilities 1–3 belong to the demo operator bb-operator's organisation and
//   4–5 to hy-operator's. The app then needs ALLOW_DEMO=1 on PostgreSQL.
// - Not synthesized: accepted filing history (a filed facility's filings rows), audit events, earlier
//   subsidy batches, price schedules and local parameter values (the demo rates are provisional).
//
// Re-runnable: refuses a database that already has facilities unless `--reset`, which drops and recreates
// the public and drizzle schemas first.
import { pathToFileURL } from "node:url";
import type postgres from "postgres";
import { addDays, addMonths, lastDayOfMonth } from "../rules/engine/dates";
import { evaluate, RULES_VERSION } from "../rules/engine/evaluate";
import { residentIdCheckCharacter, usccCheckCharacter, USCC_ALPHABET } from "../rules/identifiers";
import { findJurisdiction } from "../rules/jurisdictions";
import type { Snapshot } from "../rules/snapshot";
import { FILING_MEASURES } from "../app/services/filing.server";
import { encryptIdNumber } from "../app/utils/personal-id.server";
import { todayInShanghai } from "../app/utils/format";
import { prng, syntheticSnapshot } from "../test/bench/synthetic";
import { migrateDb, openPostgres } from "./client";
import { DEMO_ORGANISATIONS, seedDemoData, seedReferenceData } from "./seed";

// Share of facilities per county (%, summing to 100): the urban districts are smaller than the counties.
const COUNTY_WEIGHTS: ReadonlyArray<[code: string, percent: number]> = [
  ["340302", 12],
  ["340303", 14],
  ["340304", 13],
  ["340311", 9],
  ["340321", 22],
  ["340322", 15],
  ["340323", 15],
];
const NAME_WORDS = [
  "小星星", "禾苗", "阳光", "彩虹", "童心", "爱心", "启航", "春芽", "贝贝", "乐乐", "金色童年", "七彩", "蓝天", "小太阳", "萌芽",
  "快乐", "博雅", "睿思", "晨曦", "蒲公英", "小橡树", "向日葵", "嘉禾", "米乐", "知行", "童乐", "小海豚", "小树苗", "花园", "梧桐",
];
const NAME_SUFFIXES = ["托育中心", "托育园", "宝贝屋", "成长中心", "托育服务部", "育婴园", "托育之家"];
const ROADS = ["涂山路", "淮河路", "胜利路", "东海大道", "解放路", "延安路", "南山路", "宏业路", "燕山路", "黄山大道", "龙华路", "中环线", "纬四路", "朝阳路", "工农路", "华光大道"];
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
const GIVEN = ["芳", "敏", "静", "丽", "娟", "艳", "霞", "婷", "雪", "慧", "玲", "琳", "倩", "颖", "佳", "欣", "悦", "琪", "晨", "宁"];
const BANKS = ["中国工商银行蚌埠分行", "中国农业银行蚌埠分行", "中国银行蚌埠分行", "中国建设银行蚌埠分行", "徽商银行蚌埠分行", "蚌埠农村商业银行"];
const PARKS = ["蚌埠高新技术产业开发区", "蚌埠经济开发区", "禹会工业园", "怀远经济开发区", "五河经济开发区", "固镇经济开发区"];
const INDUSTRIES = ["玻璃", "电子", "医药", "纺织", "机械", "食品", "新材料", "汽车零部件"];
const DUMMY_ID_FIRST17 = "34032119900101123";

type Args = { facilities: number; databaseUrl: string | null; year: number | null; reset: boolean };

function parseArgs(argv: string[]): Args {
  const args: Args = { facilities: 100_000, databaseUrl: process.env.DATABASE_URL || null, year: null, reset: false };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const value = () => {
      const v = argv[i + 1];
      if (v === undefined) throw new Error(`${a} needs a value`);
      i += 1;
      return v;
    };
    if (a === "--") continue;
    else if (a === "--facilities") args.facilities = Number(value());
    else if (a === "--database-url") args.databaseUrl = value();
    else if (a === "--year") args.year = Number(value());
    else if (a === "--reset") args.reset = true;
    else throw new Error(`unknown argument ${a}\nusage: npm run db:synth -- --facilities N [--database-url URL] [--year YYYY] [--reset]`);
  }
  if (!Number.isInteger(args.facilities) || args.facilities < 10 || args.facilities > 2_000_000) throw new Error("--facilities must be a whole number from 10 to 2,000,000");
  if (args.year !== null && (!Number.isInteger(args.year) || args.year < 2020 || args.year > 2100)) throw new Error("--year must be a year such as 2026");
  return args;
}

/** The months of reports: 12, ending with the last month that is over (or December of `year`). */
export function synthPeriods(today: string, year: number | null): string[] {
  const lastOver = addMonths(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  let last = lastOver;
  if (year !== null) {
    if (`${year}-12` > lastOver && year > Number(lastOver.slice(0, 4))) throw new Error(`--year ${year}: no month of it is over yet`);
    last = `${year}-12` < lastOver ? `${year}-12` : lastOver;
  }
  return Array.from({ length: 12 }, (_, i) => addMonths(`${last}-01`, i - 11).slice(0, 7));
}

// ---- SQL fragments -----------------------------------------------------------------------------------------

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const textArray = (items: readonly string[]) => `ARRAY[${items.map(lit).join(",")}]::text[]`;
/** A deterministic pseudo-random non-negative integer of a row key (an integer expression) and a salt. */
const h = (key: string, salt: number) => `(hashint8((${key})::int8 * 1000003 + ${salt}) & 2147483647)`;
const pick = (items: readonly string[], key: string, salt: number) => `(${textArray(items)})[1 + ${h(key, salt)} % ${items.length}]`;
/** A random-looking, deterministic version-4-shaped UUID of a prefix and a key (children compute their parent's). */
const uid = (prefix: string, key: string) => `overlay(overlay(md5('${prefix}:' || (${key})::text) placing '4' from 13) placing '8' from 17)::uuid`;

// ---- data made in TypeScript (once, not per row) -------------------------------------------------------------

function organisationsData(count: number) {
  const rand = prng(20261203);
  const counties: string[] = [];
  const usccs: string[] = [];
  const forms: string[] = [];
  const ownerships: string[] = [];
  const names: string[] = [];
  const pickOne = <T,>(items: readonly T[]) => items[Math.floor(rand() * items.length)] as T;
  for (let i = 0; i < count; i += 1) {
    const p = rand() * 100;
    let acc = 0;
    const county = COUNTY_WEIGHTS.find(([, pct]) => (acc += pct) > p)?.[0] ?? "340321";
    const o = rand() * 100;
    const ownership = o < 10 ? "public" : o < 15 ? "state_owned_enterprise" : o < 95 ? "private" : "collective";
    const f = rand() * 100;
    const form = ownership === "public" ? "public_institution" : f < 70 ? "company" : f < 90 ? "social_service_org" : "individual_business";
    const prefix = { company: "91", public_institution: "12", social_service_org: "52", individual_business: "92" }[form] ?? "91";
    let body = `${prefix}${county}`;
    while (body.length < 17) body += pickOne(USCC_ALPHABET.split(""));
    // one in fifty carries a wrong check character (business validity is the rules' job)
    const check = usccCheckCharacter(body) ?? "0";
    const uscc = body + (rand() < 0.02 ? USCC_ALPHABET[(USCC_ALPHABET.indexOf(check) + 1) % 31] : check);
    const countyName = findJurisdiction(county)?.name.zh ?? "";
    const suffix = { company: "托育服务有限公司", public_institution: "托育服务中心", social_service_org: "托育服务中心", individual_business: "托育服务部" }[form] ?? "托育服务有限公司";
    counties.push(county);
    usccs.push(uscc);
    forms.push(form);
    ownerships.push(ownership);
    names.push(`蚌埠市${countyName}${pickOne(NAME_WORDS)}${suffix}${i % 7 === 0 ? "" : `（${i}）`}`);
  }
  return { counties, usccs, forms, ownerships, names };
}

/** One realistic filed-data snapshot and the evaluations the app stores with a filing and an application. */
function templates(today: string) {
  const snapshot: Snapshot = { ...syntheticSnapshot(prng(7)), jurisdiction: "340321", asOf: today };
  const filingEvaluation = evaluate(snapshot, { asOf: today, measures: FILING_MEASURES });
  const precheck = evaluate({ ...snapshot, inclusive: { status: "applied" } } as Snapshot, {
    asOf: today,
    measures: ["inclusive.certification", "pricing.guided_price", "kindergarten.inclusive_toddler_class"],
  });
  return { snapshot, filingEvaluation, precheck };
}

function dummyCiphertext(): string {
  const key = process.env.DATA_ENCRYPTION_KEY;
  const id = DUMMY_ID_FIRST17 + (residentIdCheckCharacter(DUMMY_ID_FIRST17) ?? "0");
  return key && /^[0-9a-f]{64}$/i.test(key) ? encryptIdNumber(id, key) : "v1:synthetic:not-encrypted:placeholder";
}

// ---- bulk-load helpers -------------------------------------------------------------------------------------

const BULK_TABLES = [
  "facilities", "facility_classes", "directory_entries", "documents", "staff_members", "staff_qualifications", "fee_declarations",
  "certificates", "inclusive_applications", "filings", "facility_bank_accounts", "enrolment_reports", "enrolment_report_versions",
];

/** Drops the loaded tables' indexes that back no constraint (primary keys stay); returns their definitions. */
async function dropSecondaryIndexes(sql: postgres.Sql): Promise<Array<{ name: string; def: string }>> {
  const rows = await sql<{ name: string; def: string }[]>`
    SELECT quote_ident(ic.relname) AS name, pg_get_indexdef(i.indexrelid) AS def
      FROM pg_index i
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_class ic ON ic.oid = i.indexrelid
     WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY(${BULK_TABLES})
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`;
  for (const r of rows) await sql.unsafe(`DROP INDEX ${r.name}`);
  return rows.map((r) => ({ name: r.name, def: r.def }));
}

/** Every single-column foreign key of the loaded tables, checked by one anti-join each; throws on an orphan. */
async function checkForeignKeys(sql: postgres.Sql): Promise<number> {
  const fks = await sql<{ name: string; child: string; col: string; parent: string; pcol: string }[]>`
    SELECT c.conname AS name, quote_ident(t.relname) AS child, quote_ident(a.attname) AS col, quote_ident(pt.relname) AS parent, quote_ident(pa.attname) AS pcol
      FROM pg_constraint c
      JOIN pg_class t ON t.oid = c.conrelid
      JOIN pg_class pt ON pt.oid = c.confrelid
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
     WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND t.relnamespace = 'public'::regnamespace AND t.relname = ANY(${BULK_TABLES})`;
  for (const fk of fks) {
    const orphans = await sql.unsafe(
      `SELECT 1 FROM ${fk.child} x WHERE x.${fk.col} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${fk.parent} p WHERE p.${fk.pcol} = x.${fk.col}) LIMIT 1`,
    );
    if (orphans.length > 0) throw new Error(`synth: foreign key ${fk.name} has orphans (a generator bug)`);
  }
  return fks.length;
}

// ---- the run -----------------------------------------------------------------------------------------------

type Step = { table: string; rows: number; ms: number };

export async function synth(args: Args): Promise<{ steps: Step[]; totalMs: number }> {
  if (!args.databaseUrl || !/^postgres(ql)?:\/\//.test(args.databaseUrl)) {
    throw new Error(
      "db:synth fills a PostgreSQL database: set DATABASE_URL or pass --database-url postgres://… (PGlite is not the target: use the benchmarks' own in-memory data for it).\n" +
        "  e.g. psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE tuoyu_synth'\n" +
        "       DATABASE_URL=postgres://postgres@127.0.0.1:5432/tuoyu_synth npm run db:synth -- --facilities 100000",
    );
  }
  const n = args.facilities;
  const orgCount = Math.max(1, Math.round(n / 10));
  const today = todayInShanghai();
  const periods = synthPeriods(today, args.year);
  const firstPeriod = periods[0] ?? "";
  const lastPeriod = periods[periods.length - 1] ?? "";
  const handle = openPostgres(args.databaseUrl, { max: 1 });
  const sql = handle.client;
  const steps: Step[] = [];
  const started = performance.now();
  const step = async (table: string, run: () => Promise<{ count: number }>) => {
    const t0 = performance.now();
    const result = await run();
    steps.push({ table, rows: result.count, ms: Math.round(performance.now() - t0) });
    process.stderr.write(`  ${table}: ${result.count} rows, ${Math.round(performance.now() - t0)} ms\n`);
  };
  try {
    if (args.reset) {
      await step("reset", async () => {
        await sql.unsafe(`DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;
          ALTER SCHEMA public OWNER TO pg_database_owner; GRANT USAGE ON SCHEMA public TO PUBLIC;`);
        return { count: 0 };
      });
    }
    await step("migrate", async () => {
      await migrateDb(handle);
      return { count: 0 };
    });
    const [existing] = await sql<{ n: string }[]>`SELECT count(*) AS n FROM facilities`;
    if (Number(existing?.n ?? 0) > 0) {
      throw new Error(`The database already has ${existing?.n} facilities. Run again with --reset to drop and recreate its schema (all data is lost).`);
    }
    await step("reference + demo accounts", async () => {
      await seedReferenceData(handle.db);
      const { created } = await seedDemoData(handle.db);
      return { count: created };
    });
    const demoOrgs = await sql<{ name: string; id: string }[]>`SELECT name, id FROM organisations WHERE name IN ${sql(DEMO_ORGANISATIONS.map((o) => o.name))}`;
    const demoId = (key: string) => demoOrgs.find((o) => o.name === DEMO_ORGANISATIONS.find((d) => d.key === key)?.name)?.id;
    const bengbuOrg = demoId("bengbu");
    const huaiyuanOrg = demoId("huaiyuan");
    if (!bengbuOrg || !huaiyuanOrg) throw new Error("demo organisations missing after seeding");

    // Bulk load, for this session only: no WAL flush per commit; no JIT (compiling these wide expressions
    // costs a second per statement and saves nothing); lz4 for the stored evaluations (8× faster than the
    // default pglz here, and smaller); secondary indexes dropped and rebuilt once at the end (a sorted
    // build beats a million random inserts); foreign keys checked once at the end by anti-joins instead
    // of a trigger per row (session_replication_role needs a superuser; without one the triggers run).
    await sql.unsafe(`SET synchronous_commit = off; SET jit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'`);
    await sql.unsafe(`SET default_toast_compression = 'lz4'`).catch(() => undefined);
    const replica = await sql
      .unsafe(`SET session_replication_role = replica`)
      .then(() => true)
      .catch(() => false);
    const dropped = await dropSecondaryIndexes(sql);

    const orgs = organisationsData(orgCount);
    await step("organisations", () =>
      sql.unsafe(
        `INSERT INTO organisations (id, name, uscc, legal_form, ownership, business_scope_includes_childcare, address, contact_name, contact_phone, jurisdiction_code, created_at, updated_at)
         SELECT ${uid("o", "t.o")}, t.name, t.uscc, t.form, t.ownership, ${h("t.o", 101)} % 100 < 98,
                '安徽省蚌埠市' || j.name_zh || ${pick(ROADS, "t.o", 102)} || (1 + ${h("t.o", 103)} % 999) || '号',
                ${pick(SURNAMES, "t.o", 104)} || ${pick(GIVEN, "t.o", 105)},
                '13' || lpad((${h("t.o", 106)} % 1000000000)::text, 9, '0'),
                t.county, timestamptz '2018-01-01' + (${h("t.o", 107)} % 2000) * interval '1 day', now()
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t(county, uscc, form, ownership, name, o)
           JOIN jurisdictions j ON j.code = t.county`,
        [orgs.counties, orgs.usccs, orgs.forms, orgs.ownerships, orgs.names],
      ),
    );

    // The facility plan: one row per facility with everything its child rows derive from (temp table,
    // so each INSERT below joins it instead of recomputing). Facilities 1–5 belong to the demo operators.
    await step("plan (temp)", async () => {
      const r = await sql.unsafe(
        `CREATE TEMP TABLE synth_f AS
         WITH a AS (
           SELECT g,
                  1 + ${h("g", 1)} % ${orgCount} AS o,
                  ${h("g", 2)} % 100 AS pk,
                  ${h("g", 3)} % 1000 AS ps,
                  ${h("g", 7)} % 1000 AS pia
             FROM generate_series(1, ${n}) g
         ), b AS (
           SELECT a.g, a.o,
                  CASE WHEN a.g <= 5 THEN 'standalone'
                       WHEN a.pk < 45 THEN 'standalone' WHEN a.pk < 65 THEN 'kindergarten_class' WHEN a.pk < 73 THEN 'employer_run'
                       WHEN a.pk < 93 THEN 'community_embedded' ELSE 'home_based' END AS kind,
                  CASE WHEN a.g <= 5 THEN 'filed'
                       WHEN a.ps < 900 THEN 'filed' WHEN a.ps < 950 THEN 'draft' WHEN a.ps < 960 THEN 'submitted'
                       WHEN a.ps < 970 THEN 'returned' ELSE 'cancelled' END AS state,
                  a.pia
             FROM a
         ), c AS (
           SELECT b.*,
                  CASE WHEN b.g <= 5 THEN date '2024-03-01'
                       WHEN b.state IN ('filed', 'cancelled')
                       THEN date '2019-03-01' + ${h("b.g", 4)} % (date '${lastDayOfMonth(lastPeriod)}' - 35 - date '2019-03-01') END AS filed_on
             FROM b
         )
         SELECT c.g, ${uid("f", "c.g")} AS id, o.id AS org_id, o.name AS org_name, o.ownership, o.jurisdiction_code AS county, j.name_zh AS county_zh,
                c.kind, c.state, c.filed_on,
                CASE WHEN c.state = 'cancelled' THEN c.filed_on + 1 + ${h("c.g", 5)} % greatest(1, date '${today}' - 8 - c.filed_on) END AS cancelled_on,
                coalesce(c.filed_on, date '${today}' - 60) - (20 + ${h("c.g", 6)} % 400) AS opened_on,
                CASE WHEN c.kind = 'home_based' THEN 5 ELSE 20 + ${h("c.g", 8)} % 131 END AS total_slots,
                CASE WHEN c.kind = 'home_based' THEN 1 WHEN c.kind = 'kindergarten_class' THEN 2 + ${h("c.g", 9)} % 2 ELSE 3 + ${h("c.g", 9)} % 4 END AS ncls,
                CASE WHEN c.kind = 'home_based' THEN 3 ELSE 9 + ${h("c.g", 10)} % 8 END AS nstaff,
                ${h("c.g", 11)} % 100 < 85 AS meals,
                -- inclusive certification of filed facilities: ~60 % certified, some open applications, some decided against
                CASE WHEN c.state <> 'filed' THEN NULL WHEN c.g <= 5 THEN 'certified'
                     WHEN c.pia < 600 THEN 'certified' WHEN c.pia < 620 THEN 'applied' WHEN c.pia < 635 THEN 'under_review'
                     WHEN c.pia < 645 THEN 'public_notice' WHEN c.pia < 675 THEN 'rejected' WHEN c.pia < 685 THEN 'revoked'
                     WHEN c.pia < 695 THEN 'expired' END AS ia,
                ${pick(NAME_WORDS, "c.g", 12)} AS word,
                ${pick(ROADS, "c.g", 13)} AS road
           FROM c
           JOIN organisations o ON o.id = CASE WHEN c.g <= 3 THEN '${bengbuOrg}'::uuid WHEN c.g <= 5 THEN '${huaiyuanOrg}'::uuid ELSE ${uid("o", "c.o")} END
           JOIN jurisdictions j ON j.code = o.jurisdiction_code`,
      );
      await sql.unsafe(`ALTER TABLE synth_f ADD PRIMARY KEY (g); ANALYZE synth_f`);
      return r;
    });

    await step("facilities", () =>
      sql.unsafe(
        `INSERT INTO facilities (id, organisation_id, name, address, jurisdiction_code, kind, service_types, total_slots, opened_on, meals_provided,
                                 premises_tenure, lease_starts_on, lease_ends_on, premises_state_owned,
                                 employer_name, employer_mainly_for_own_employees, employer_open_to_other_employers, employer_uscc, employer_park_name,
                                 employer_open_to_residents, employer_reserved_slots, employer_contact_name, employer_contact_phone,
                                 kindergarten_ownership, filing_state, receipt_number, filed_on, cancelled_on, created_at, updated_at)
         SELECT f.id, f.org_id,
                f.county_zh || f.word || ${pick(NAME_SUFFIXES, "f.g", 20)} || f.road || (1 + ${h("f.g", 21)} % 99) || '号园',
                '安徽省蚌埠市' || f.county_zh || f.road || (1 + ${h("f.g", 22)} % 999) || '号',
                f.county, f.kind,
                ARRAY['full_day']::text[]
                  || CASE WHEN ${h("f.g", 23)} % 100 < 40 THEN ARRAY['half_day']::text[] ELSE '{}'::text[] END
                  || CASE WHEN ${h("f.g", 24)} % 100 < 15 THEN ARRAY['hourly']::text[] ELSE '{}'::text[] END
                  || CASE WHEN ${h("f.g", 25)} % 100 < 10 THEN ARRAY['temporary']::text[] ELSE '{}'::text[] END,
                f.total_slots, f.opened_on, f.meals,
                t.tenure,
                CASE WHEN t.tenure <> 'owned' THEN f.opened_on - 30 END,
                CASE WHEN t.tenure <> 'owned' AND ${h("f.g", 27)} % 100 >= 10
                     THEN f.opened_on - 31 + (CASE WHEN ${h("f.g", 28)} % 100 < 3 THEN 700 ELSE 1096 + ${h("f.g", 28)} % 2555 END) END,
                ${h("f.g", 29)} % 100 < 10,
                CASE WHEN f.kind = 'employer_run' THEN '蚌埠' || ${pick(INDUSTRIES, "f.g", 30)} || '股份有限公司' END,
                CASE WHEN f.kind = 'employer_run' THEN ${h("f.g", 31)} % 100 < 90 END,
                CASE WHEN f.kind = 'employer_run' THEN ${h("f.g", 32)} % 100 < 40 END,
                NULL,
                CASE WHEN f.kind = 'employer_run' THEN ${pick(PARKS, "f.g", 33)} END,
                CASE WHEN f.kind = 'employer_run' THEN ${h("f.g", 34)} % 100 < 30 END,
                CASE WHEN f.kind = 'employer_run' THEN f.total_slots * 7 / 10 END,
                CASE WHEN f.kind = 'employer_run' THEN ${pick(SURNAMES, "f.g", 35)} || ${pick(GIVEN, "f.g", 36)} END,
                CASE WHEN f.kind = 'employer_run' THEN '0552-' || lpad((${h("f.g", 37)} % 10000000)::text, 7, '0') END,
                CASE WHEN f.kind = 'kindergarten_class'
                     THEN CASE WHEN ${h("f.g", 38)} % 100 < 40 THEN 'public' WHEN ${h("f.g", 38)} % 100 < 75 THEN 'inclusive_private' ELSE 'private' END END,
                f.state,
                CASE WHEN f.filed_on IS NOT NULL
                     THEN f.county || '-' || extract(year FROM f.filed_on)::int || '-'
                          || lpad((row_number() OVER (PARTITION BY f.county, extract(year FROM f.filed_on) ORDER BY f.filed_on, f.g))::text, 5, '0') END,
                f.filed_on, f.cancelled_on, f.opened_on::timestamptz, coalesce(f.cancelled_on, f.filed_on, f.opened_on)::timestamptz
           FROM synth_f f
           CROSS JOIN LATERAL (SELECT CASE WHEN ${h("f.g", 26)} % 100 < 20 THEN 'owned' WHEN ${h("f.g", 26)} % 100 < 90 THEN 'leased' ELSE 'free_use' END AS tenure) t`,
      ),
    );

    await step("receipt_sequences", () =>
      sql.unsafe(
        `INSERT INTO receipt_sequences (jurisdiction_code, year, last_value)
         SELECT split_part(receipt_number, '-', 1), split_part(receipt_number, '-', 2)::int, max(split_part(receipt_number, '-', 3)::int)
           FROM facilities WHERE receipt_number IS NOT NULL GROUP BY 1, 2`,
      ),
    );

    // classes: capacity within the national maximum (3 % one or two over: the rules report that) and
    // within the facility's slots; enrolment 60–100 % of capacity; caregivers by the ratio (4 % one short)
    await step("facility_classes", () =>
      sql.unsafe(
        `INSERT INTO facility_classes (id, facility_id, name, type, capacity, enrolled, caregivers, created_at, updated_at)
         SELECT ${uid("c", "x.key")}, x.id,
                CASE x.type WHEN 'infant' THEN '乳儿班' WHEN 'toddler' THEN '托小班' WHEN 'older_toddler' THEN '托大班' ELSE '混龄班' END || x.k,
                x.type, x.capacity, x.enrolled,
                greatest(1, (x.enrolled + x.ratio - 1) / x.ratio - CASE WHEN ${h("x.key", 44)} % 100 < 4 THEN 1 ELSE 0 END),
                timestamptz '2025-01-01' + x.k * interval '1 second', now()
           FROM (
             SELECT y.*, greatest(1, y.capacity * (60 + ${h("y.key", 43)} % 41) / 100) AS enrolled
               FROM (
                 SELECT z.*,
                        least(CASE WHEN z.home THEN 5 ELSE CASE z.type WHEN 'infant' THEN 10 WHEN 'toddler' THEN 15 WHEN 'older_toddler' THEN 20 ELSE 18 END END
                                + CASE WHEN ${h("z.key", 42)} % 100 < 3 THEN 1 + ${h("z.key", 42)} % 2 ELSE 0 END,
                              greatest(1, z.total_slots / z.ncls)) AS capacity,
                        CASE WHEN z.home THEN 3 ELSE CASE z.type WHEN 'infant' THEN 3 WHEN 'toddler' THEN 5 WHEN 'older_toddler' THEN 7 ELSE 5 END END AS ratio
                   FROM (
                     SELECT f.g * 8 + k AS key, f.id, k, f.total_slots, f.ncls, f.kind = 'home_based' AS home,
                            CASE WHEN f.kind = 'home_based' THEN 'mixed'
                                 WHEN f.kind = 'kindergarten_class'
                                 THEN CASE WHEN k = 1 AND ${h("f.g", 40)} % 100 < 10 THEN 'toddler' WHEN ${h("f.g * 8 + k", 41)} % 100 < 70 THEN 'older_toddler' ELSE 'mixed' END
                                 ELSE (ARRAY['infant','toddler','older_toddler','toddler','older_toddler','mixed'])[1 + (k - 1 + ${h("f.g", 40)} % 6) % 6] END AS type
                       FROM synth_f f CROSS JOIN LATERAL generate_series(1, f.ncls) k
                   ) z
               ) y
           ) x`,
      ),
    );

    await step("class totals (temp)", async () => {
      const r = await sql.unsafe(
        `CREATE TEMP TABLE synth_ct AS
         SELECT facility_id,
                coalesce(sum(enrolled) FILTER (WHERE type = 'infant'), 0)::int AS infant,
                coalesce(sum(enrolled) FILTER (WHERE type = 'toddler'), 0)::int AS toddler,
                coalesce(sum(enrolled) FILTER (WHERE type = 'older_toddler'), 0)::int AS older,
                coalesce(sum(enrolled) FILTER (WHERE type = 'mixed'), 0)::int AS mixed
           FROM facility_classes GROUP BY facility_id`,
      );
      await sql.unsafe(`ALTER TABLE synth_ct ADD PRIMARY KEY (facility_id); ANALYZE synth_ct`);
      return r;
    });

    await step("directory_entries", () =>
      sql.unsafe(
        `INSERT INTO directory_entries (facility_id, name, address, jurisdiction_code, kind, service_types, total_slots, receipt_number, filed_on, organisation_name, created_at, updated_at)
         SELECT f.id, f.name, f.address, f.jurisdiction_code, f.kind, f.service_types, f.total_slots, f.receipt_number, f.filed_on, o.name, f.filed_on, f.filed_on
           FROM facilities f JOIN organisations o ON o.id = f.organisation_id
          WHERE f.filing_state = 'filed'`,
      ),
    );

    // the filing documents (a food licence where meals are served) and one qualification-proof file per
    // facility that the staff qualifications point at
    await step("documents", () =>
      sql.unsafe(
        `INSERT INTO documents (id, facility_id, kind, sha256, mime_type, size_bytes, original_name, issued_on, valid_until, passed, uploaded_by, created_at, updated_at)
         SELECT CASE WHEN d.kind = 'qualification_proof' THEN ${uid("dq", "f.id")} ELSE ${uid("d", "f.g || d.kind")} END,
                f.id, d.kind, encode(sha256(convert_to('synth:' || f.g || ':' || d.kind, 'UTF8')), 'hex'),
                CASE WHEN ${h("f.g * 8 + d.i", 50)} % 3 = 0 THEN 'image/jpeg' ELSE 'application/pdf' END,
                80000 + ${h("f.g * 8 + d.i", 51)} % 900000, d.kind || '.pdf',
                x.issued,
                CASE d.kind WHEN 'health_evaluation' THEN x.issued + 730 - 1 WHEN 'food_license' THEN x.issued + 1826 - 1 END,
                CASE WHEN d.kind = 'health_evaluation' THEN ${h("f.g", 53)} % 100 < 97 END,
                'synth', x.issued::timestamptz, x.issued::timestamptz
           FROM synth_f f
           CROSS JOIN unnest(ARRAY['business_license','site_proof','health_evaluation','fire_safety','food_license','qualification_proof']::text[]) WITH ORDINALITY AS d(kind, i)
           CROSS JOIN LATERAL (SELECT CASE d.kind WHEN 'health_evaluation' THEN date '${addDays(today, -700)}' + ${h("f.g", 52)} % 760
                                                  WHEN 'food_license' THEN date '${addDays(today, -1500)}' + ${h("f.g", 52)} % 1400
                                                  ELSE f.opened_on - 30 END AS issued) x
          WHERE d.kind <> 'food_license' OR f.meals`,
      ),
    );

    const ciphertext = dummyCiphertext();
    await step("staff_members", () =>
      sql.unsafe(
        `INSERT INTO staff_members (id, facility_id, name, id_number_encrypted, id_number_hmac, id_number_masked, role, education, years_of_experience,
                                    health_certificate_valid_until, background_check_on, labor_contract, social_insurance, created_at, updated_at)
         SELECT ${uid("s", "s.key")}, s.id,
                ${pick(SURNAMES, "s.key", 60)} || ${pick(GIVEN, "s.key", 61)} || CASE WHEN ${h("s.key", 62)} % 2 = 0 THEN ${pick(GIVEN, "s.key", 63)} ELSE '' END,
                $1, encode(sha256(convert_to('synth-staff:' || s.key, 'UTF8')), 'hex'),
                left(s.county, 4) || '**********' || lpad((${h("s.key", 64)} % 10000)::text, 4, '0'),
                s.role,
                CASE s.role WHEN 'director' THEN (ARRAY['secondary','junior_college','junior_college','bachelor','bachelor','bachelor','postgraduate'])[1 + ${h("s.key", 65)} % 7]
                            WHEN 'caregiver' THEN (ARRAY['secondary','secondary','junior_college','junior_college','bachelor'])[1 + ${h("s.key", 65)} % 5]
                            WHEN 'health_worker' THEN (ARRAY['junior_college','bachelor'])[1 + ${h("s.key", 65)} % 2]
                            ELSE (ARRAY['none','secondary','secondary','secondary','junior_college'])[1 + ${h("s.key", 65)} % 5] END,
                CASE WHEN s.role = 'director' THEN CASE WHEN ${h("s.key", 66)} % 100 < 5 THEN 1 + ${h("s.key", 66)} % 2 ELSE 3 + ${h("s.key", 66)} % 15 END
                     ELSE ${h("s.key", 66)} % 12 END,
                date '${addDays(today, -15)}' + ${h("s.key", 67)} % 380,
                CASE WHEN ${h("s.key", 68)} % 100 < 2 THEN NULL ELSE date '2019-01-01' + ${h("s.key", 68)} % (date '${today}' - date '2019-01-01') END,
                ${h("s.key", 69)} % 100 < 96, ${h("s.key", 70)} % 100 < 92,
                timestamptz '2025-01-01' + s.k * interval '1 second', now()
           FROM (
             SELECT f.g * 64 + k AS key, f.id, f.county, k,
                    CASE WHEN f.kind = 'home_based' THEN CASE WHEN k = 3 THEN 'other' ELSE 'caregiver' END
                         WHEN k = 1 THEN 'director' WHEN k = 2 THEN 'health_worker'
                         WHEN k = 3 AND (f.kind = 'standalone' OR ${h("f.g", 71)} % 2 = 0) THEN 'security_guard'
                         WHEN k = 4 THEN 'cook' WHEN k = f.nstaff AND f.nstaff >= 12 THEN 'other'
                         ELSE 'caregiver' END AS role
               FROM synth_f f CROSS JOIN LATERAL generate_series(1, f.nstaff) k
           ) s`,
        [ciphertext],
      ),
    );

    await step("staff_qualifications", () =>
      sql.unsafe(
        `INSERT INTO staff_qualifications (staff_id, kind, level, number, issuer, issued_on, valid_until, proof_document_id, created_at, updated_at)
         SELECT q.id, q.kind,
                CASE WHEN q.kind = 'childcare_worker' THEN CASE WHEN q.r % 50 = 0 THEN 2 ELSE 3 + q.r % 3 END END,
                'Q' || lpad((q.r % 1000000000)::text, 10, '0'),
                CASE q.kind WHEN 'childcare_worker' THEN '安徽省人力资源和社会保障厅' WHEN 'kindergarten_teacher' THEN '安徽省教育厅'
                            WHEN 'security_guard_certificate' THEN '蚌埠市公安局' ELSE '蚌埠市卫生健康委员会' END,
                date '2018-01-01' + q.r % 2500,
                CASE WHEN q.kind = 'health_care_training' THEN date '${addDays(today, -10)}' + q.r % 800 END,
                CASE WHEN q.r % 100 < 97 THEN ${uid("dq", "q.facility_id")} END,
                timestamptz '2025-01-01', now()
           FROM (
             SELECT s.id, s.facility_id, r,
                    CASE s.role WHEN 'director' THEN 'director_training'
                                WHEN 'health_worker' THEN 'health_care_training'
                                WHEN 'security_guard' THEN 'security_guard_certificate'
                                WHEN 'caregiver' THEN CASE WHEN r % 100 < 80 THEN 'childcare_worker' WHEN r % 100 < 90 THEN 'kindergarten_teacher'
                                                           WHEN r % 100 < 95 THEN 'infant_development_guide' END END AS kind
               FROM (SELECT id, facility_id, role, hashtext(id::text) & 2147483647 AS r FROM staff_members) s
           ) q
          WHERE q.kind IS NOT NULL`,
      ),
    );

    // basic fees for each class type run (full day; half day where offered), 5 % above the guided cap;
    // meals as an "other" fee
    await step("fee_declarations", async () => {
      const basic = await sql.unsafe(
        `INSERT INTO fee_declarations (facility_id, kind, class_type, service_type, amount_fen, voluntary)
         SELECT t.facility_id, 'basic', t.type, s.service,
                (CASE t.type WHEN 'infant' THEN 220000 WHEN 'toddler' THEN 180000 WHEN 'older_toddler' THEN 160000 ELSE 170000 END
                  * (85 + ${h("f.g * 4 + length(t.type)", 80)} % 31) / 100
                  * CASE WHEN ${h("f.g", 81)} % 100 < 5 THEN 3 ELSE 2 END / 2
                  * CASE s.service WHEN 'half_day' THEN 6 ELSE 10 END / 10) / 100 * 100,
                false
           FROM (SELECT DISTINCT facility_id, type FROM facility_classes) t
           JOIN synth_f f ON f.id = t.facility_id
           JOIN facilities fa ON fa.id = t.facility_id
           CROSS JOIN unnest(ARRAY['full_day','half_day']::text[]) s(service)
          WHERE s.service = ANY(fa.service_types)`,
      );
      const other = await sql.unsafe(
        `INSERT INTO fee_declarations (facility_id, kind, name, amount_fen, voluntary)
         SELECT f.id, 'other', '伙食费', 30000 + ${h("f.g", 82)} % 31 * 1000, true FROM synth_f f WHERE f.meals`,
      );
      return { count: basic.count + other.count };
    });

    const tpl = templates(today);
    // certified facilities: valid for the validity period (3 years) from a start before the year's first
    // month (or, for one filed recently, 45 days after filing); certificate numbers per county and year
    await step("certificates", async () => {
      const r = await sql.unsafe(
        `CREATE TEMP TABLE synth_cert AS
         SELECT f.g, f.id AS facility_id, f.county, f.county_zh, f.org_name, f.total_slots, fa.receipt_number,
                least(greatest(f.filed_on + 45, date '2024-01-01' + ${h("f.g", 90)} % (date '${firstPeriod}-01' - date '2024-01-01')), date '${addDays(today, -10)}') AS valid_from,
                greatest(1, f.total_slots * (60 + ${h("f.g", 91)} % 41) / 100) AS slots
           FROM synth_f f JOIN facilities fa ON fa.id = f.id
          WHERE f.ia = 'certified'`,
      );
      await sql.unsafe(
        `INSERT INTO certificates (id, kind, code, number, facility_id, status, issued_on, valid_from, valid_until, payload, issued_by, created_at, updated_at)
         SELECT ${uid("cert", "c.g")}, 'inclusive_certificate',
                (SELECT substr(x, 1, 4) || '-' || substr(x, 5, 4) || '-' || substr(x, 9, 4)
                   FROM (SELECT translate(upper(substr(md5('code:' || c.g), 1, 12)), '0123456789ABCDEF', '23456789ABCDEFGH') AS x) t),
                c.county || '-PH-' || extract(year FROM c.valid_from)::int || '-'
                  || lpad((row_number() OVER (PARTITION BY c.county, extract(year FROM c.valid_from) ORDER BY c.valid_from, c.g))::text, 4, '0'),
                c.facility_id, 'valid', c.valid_from, c.valid_from, (c.valid_from + interval '3 years' - interval '1 day')::date,
                jsonb_build_object('lines', jsonb_build_array(
                    jsonb_build_object('label', '举办者', 'value', c.org_name),
                    jsonb_build_object('label', '所在地', 'value', c.county_zh),
                    jsonb_build_object('label', '备案回执编号', 'value', c.receipt_number),
                    jsonb_build_object('label', '普惠托位数', 'value', c.slots::text),
                    jsonb_build_object('label', '托位总数', 'value', c.total_slots::text)),
                  'clauses', jsonb_build_array('发改价格〔2024〕1477号', '蚌埠市若干举措 第7条 / 阿拉尔市实施方案 第15条'),
                  'certifiedSlots', c.slots),
                'synth-reviewer', c.valid_from::timestamptz, c.valid_from::timestamptz
           FROM synth_cert c`,
      );
      await sql.unsafe(
        `INSERT INTO receipt_sequences (jurisdiction_code, year, last_value)
         SELECT 'inclusive:' || split_part(number, '-', 1), split_part(number, '-', 3)::int, max(split_part(number, '-', 4)::int)
           FROM certificates WHERE kind = 'inclusive_certificate' GROUP BY 1, 2`,
      );
      return r;
    });

    await step("inclusive_applications", () =>
      sql.unsafe(
        `INSERT INTO inclusive_applications (facility_id, status, applied_at, applied_by, requested_slots, precheck, reviewer_id,
                                             inspection_on, inspection_findings, inspection_passed, notice_starts_on, notice_ends_on,
                                             certified_slots, valid_from, valid_until, certificate_id, decided_by, decided_at, reasons, last_reviewed_on,
                                             created_at, updated_at)
         SELECT f.id, f.ia, x.applied::timestamptz, 'synth-operator', coalesce(c.slots, f.total_slots * 8 / 10), $1::jsonb,
                CASE WHEN f.ia NOT IN ('applied') THEN 'synth-reviewer' END,
                CASE WHEN f.ia IN ('certified', 'public_notice', 'rejected', 'revoked', 'expired') THEN x.applied + 8 END,
                CASE WHEN f.ia IN ('certified', 'public_notice', 'rejected', 'revoked', 'expired') THEN '现场核查：场地、人员与材料相符' END,
                CASE WHEN f.ia IN ('certified', 'public_notice', 'revoked', 'expired') THEN true WHEN f.ia = 'rejected' THEN false END,
                CASE WHEN f.ia IN ('certified', 'revoked', 'expired') THEN x.applied + 12 WHEN f.ia = 'public_notice' THEN date '${today}' - ${h("f.g", 92)} % 6 END,
                CASE WHEN f.ia IN ('certified', 'revoked', 'expired') THEN x.applied + 18 WHEN f.ia = 'public_notice' THEN date '${today}' - ${h("f.g", 92)} % 6 + 6 END,
                CASE WHEN f.ia IN ('certified', 'revoked', 'expired') THEN coalesce(c.slots, f.total_slots * 8 / 10) END,
                x.valid_from, (x.valid_from + interval '3 years' - interval '1 day')::date,
                CASE WHEN f.ia = 'certified' THEN ${uid("cert", "f.g")} END,
                CASE WHEN f.ia IN ('certified', 'rejected', 'revoked', 'expired') THEN 'synth-reviewer' END,
                CASE WHEN f.ia IN ('certified', 'rejected', 'revoked', 'expired') THEN x.applied::timestamptz + interval '20 days' END,
                CASE f.ia WHEN 'rejected' THEN '现场核查未通过：师幼比不足' WHEN 'revoked' THEN '年度复核未通过' END,
                -- reviewed when certified, then yearly: certified for over a year → reviewed within the last
                -- year, 3 % due again (the yearly-review queue)
                CASE WHEN f.ia <> 'certified' THEN NULL
                     WHEN x.valid_from >= date '${addDays(today, -335)}' THEN x.valid_from
                     ELSE date '${today}' - CASE WHEN ${h("f.g", 96)} % 100 < 3 THEN 340 + ${h("f.g", 97)} % 25 ELSE 20 + ${h("f.g", 97)} % 300 END END,
                x.applied::timestamptz, now()
           FROM synth_f f
           LEFT JOIN synth_cert c ON c.g = f.g
           CROSS JOIN LATERAL (
             SELECT CASE WHEN f.ia IN ('certified', 'revoked') THEN coalesce(c.valid_from, date '2024-03-01' + ${h("f.g", 93)} % 400)
                         WHEN f.ia = 'expired' THEN date '2022-06-01' + ${h("f.g", 93)} % 300 END AS valid_from,
                    CASE WHEN f.ia IN ('certified', 'revoked') THEN coalesce(c.valid_from, date '2024-03-01' + ${h("f.g", 93)} % 400) - 20
                         WHEN f.ia = 'expired' THEN date '2022-06-01' + ${h("f.g", 93)} % 300 - 20
                         WHEN f.ia = 'rejected' THEN date '2025-01-01' + ${h("f.g", 93)} % 500
                         WHEN f.ia = 'public_notice' THEN date '${addDays(today, -25)}' + ${h("f.g", 93)} % 5
                         ELSE date '${addDays(today, -20)}' + ${h("f.g", 93)} % 19 END AS applied
           ) x
          WHERE f.ia IS NOT NULL`,
        [JSON.stringify(tpl.precheck)],
      ),
    );

    // the reviewer queue: submitted initial filings (due 7 days after submission: some overdue) and
    // returned ones, each with the filed-data snapshot and checklist the app stores
    await step("filings", () =>
      sql.unsafe(
        `INSERT INTO filings (facility_id, kind, status, submitted_at, submitted_by, due_on, explanation, snapshot, evaluation, rules_version,
                              decided_at, decided_by, return_reasons, created_at, updated_at)
         SELECT f.id, 'initial', CASE f.state WHEN 'submitted' THEN 'submitted' ELSE 'returned' END,
                x.submitted::timestamptz + interval '9 hours', 'synth-operator', x.submitted + 7,
                CASE WHEN ${h("f.g", 95)} % 3 = 0 THEN '消防验收材料正在补办，预计两周内提交' END,
                jsonb_set($1::jsonb, '{jurisdiction}', to_jsonb(f.county)), $2::jsonb, $3,
                CASE WHEN f.state = 'returned' THEN x.submitted::timestamptz + interval '3 days' END,
                CASE WHEN f.state = 'returned' THEN 'synth-reviewer' END,
                CASE WHEN f.state = 'returned' THEN '[{"item":"documents.fire_safety","reason":"消防验收材料缺失，请补正"}]'::jsonb END,
                x.submitted::timestamptz, now()
           FROM synth_f f
           CROSS JOIN LATERAL (SELECT date '${today}' - ${h("f.g", 94)} % 12 AS submitted) x
          WHERE f.state IN ('submitted', 'returned')`,
        [JSON.stringify(tpl.snapshot), JSON.stringify(tpl.filingEvaluation), RULES_VERSION],
      ),
    );

    await step("facility_bank_accounts", () =>
      sql.unsafe(
        `INSERT INTO facility_bank_accounts (facility_id, account_name, bank_name, account_number, updated_by)
         SELECT f.id, f.org_name, ${pick(BANKS, "f.g", 100)}, '6217' || lpad((${h("f.g", 101)})::text, 10, '0') || lpad((${h("f.g", 102)} % 100000)::text, 5, '0'), 'synth-operator'
           FROM synth_f f
          WHERE f.filed_on IS NOT NULL AND ${h("f.g", 103)} % 100 < 96`,
      ),
    );

    // A year of monthly reports. `srcFrom`/`srcWhere` are shared by both statements so a report's approved total is the
    // sum of its approved version's full-day counts. Flags: ~1 % of reports amended (v1 superseded, v2
    // approved); in the last month ~1 % only submitted, ~2 % with an amendment awaiting approval.
    const key = "(f.g * 16 + p.m)";
    const srcFrom = `
      FROM synth_f f
      JOIN synth_ct ct ON ct.facility_id = f.id
      CROSS JOIN LATERAL (SELECT m, (date '${firstPeriod}-01' + make_interval(months => m))::date AS ps FROM generate_series(0, 11) m) p
      CROSS JOIN LATERAL (
        SELECT ct.infant * (75 + ${h(key, 110)} % 26) / 100 AS fi, ct.toddler * (75 + ${h(key, 111)} % 26) / 100 AS ft,
               ct.older * (75 + ${h(key, 112)} % 26) / 100 AS fo, ct.mixed * (75 + ${h(key, 113)} % 26) / 100 AS fm,
               CASE WHEN p.m = 11 AND ${h(key, 114)} % 1000 < 10 THEN 'unapproved'
                    WHEN p.m = 11 AND ${h(key, 114)} % 1000 < 30 THEN 'amend_pending'
                    WHEN ${h(key, 115)} % 100 < 1 THEN 'amended' ELSE 'approved' END AS flag
      ) c
      CROSS JOIN LATERAL (
        SELECT c.fi, least(ct.toddler, c.ft + 1) AS ft, c.fo, c.fm, -- the amendment: one more toddler where a place is free
               ${uid("r", key)} AS report_id,
               to_char(p.ps, 'YYYY-MM') AS period,
               least(p.ps + interval '1 month' + (1 + ${h(key, 116)} % 2) * interval '1 day' + interval '10 hours', now() - interval '2 days') AS submitted_at,
               least(p.ps + interval '1 month' + (3 + ${h(key, 117)} % 6) * interval '1 day' + interval '15 hours', now() - interval '1 day') AS decided_at
      ) v`;
    const srcWhere = `WHERE f.filed_on IS NOT NULL AND date_trunc('month', f.filed_on) <= p.ps AND (f.cancelled_on IS NULL OR f.cancelled_on >= p.ps)`;
    await step("enrolment_reports", () =>
      sql.unsafe(
        `INSERT INTO enrolment_reports (id, facility_id, period, approved_version, approved_full_day_children, approved_at, created_at, updated_at)
         SELECT v.report_id, f.id, v.period,
                CASE c.flag WHEN 'unapproved' THEN NULL WHEN 'amended' THEN 2 ELSE 1 END,
                CASE c.flag WHEN 'unapproved' THEN NULL WHEN 'amended' THEN v.fi + v.ft + v.fo + v.fm ELSE c.fi + c.ft + c.fo + c.fm END,
                CASE c.flag WHEN 'unapproved' THEN NULL WHEN 'amended' THEN v.decided_at + interval '5 days' ELSE v.decided_at END,
                v.submitted_at, CASE c.flag WHEN 'unapproved' THEN v.submitted_at ELSE v.decided_at END
        ${srcFrom} ${srcWhere}`,
      ),
    );
    await step("enrolment_report_versions", () =>
      sql.unsafe(
        `INSERT INTO enrolment_report_versions (report_id, version, status,
                                                full_day_infant, full_day_toddler, full_day_older_toddler, full_day_mixed,
                                                other_infant, other_toddler, other_older_toddler, other_mixed, kindergarten_class_children,
                                                days_open, submitted_by, submitted_at, decided_by, decided_at, created_by, created_at, updated_at)
         SELECT v.report_id, n.version,
                CASE WHEN n.version = 1 THEN CASE c.flag WHEN 'unapproved' THEN 'submitted' WHEN 'amended' THEN 'superseded' ELSE 'approved' END
                     ELSE CASE c.flag WHEN 'amended' THEN 'approved' ELSE 'submitted' END END,
                c.fi, CASE WHEN n.version = 1 THEN c.ft ELSE v.ft END, c.fo, c.fm,
                (ct.infant - c.fi) * (${h(key, 120)} % 100) / 100, (ct.toddler - CASE WHEN n.version = 1 THEN c.ft ELSE v.ft END) * (${h(key, 121)} % 100) / 100,
                (ct.older - c.fo) * (${h(key, 122)} % 100) / 100, (ct.mixed - c.fm) * (${h(key, 123)} % 100) / 100, 0,
                20 + ${h(key, 124)} % 4, 'synth-operator',
                v.submitted_at + (n.version - 1) * interval '3 days',
                CASE WHEN (n.version = 1 AND c.flag <> 'unapproved') OR (n.version = 2 AND c.flag = 'amended') THEN 'synth-reviewer' END,
                CASE WHEN n.version = 1 AND c.flag <> 'unapproved' THEN v.decided_at WHEN n.version = 2 AND c.flag = 'amended' THEN v.decided_at + interval '5 days' END,
                'synth-operator', v.submitted_at + (n.version - 1) * interval '3 days', now()
        ${srcFrom}
        CROSS JOIN LATERAL generate_series(1, CASE WHEN c.flag IN ('amended', 'amend_pending') THEN 2 ELSE 1 END) AS n(version)
        ${srcWhere}`,
      ),
    );

    await sql.unsafe(`RESET session_replication_role`);
    await step("indexes (rebuild)", async () => {
      for (const index of dropped) await sql.unsafe(index.def);
      return { count: dropped.length };
    });
    if (replica) {
      await step("foreign keys (check)", async () => {
        const checked = await checkForeignKeys(sql);
        return { count: checked };
      });
    }
    await step("analyze", async () => {
      await sql.unsafe(`ANALYZE`);
      return { count: 0 };
    });
    return { steps, totalMs: Math.round(performance.now() - started) };
  } finally {
    await handle.close();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  process.stderr.write(`db:synth: ${args.facilities} facilities${args.reset ? " (reset)" : ""}\n`);
  const { steps, totalMs } = await synth(args);
  const loaded = steps.filter((s) => !["reset", "migrate", "analyze", "plan (temp)", "class totals (temp)", "indexes (rebuild)", "foreign keys (check)"].includes(s.table));
  process.stdout.write(
    `${JSON.stringify({
      synth: "postgres",
      facilities: args.facilities,
      periods: synthPeriods(todayInShanghai(), args.year).filter((_, i, a) => i === 0 || i === a.length - 1).join(".."),
      totalSeconds: Math.round(totalMs / 100) / 10,
      totalRows: loaded.reduce((a, s) => a + s.rows, 0),
      steps: Object.fromEntries(steps.map((s) => [s.table, { rows: s.rows, ms: s.ms }])),
    })}\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
