// Overview benchmark: 10,000 synthetic filed facilities (the rules benchmark's generator: ~4 classes,
// ~15 staff with qualifications, ~5 documents, fees and an inclusive application each), bulk-inserted
// into an in-memory PGlite across 蚌埠's seven counties; then `jurisdictionOverview` for a 蚌埠市
// reviewer (all 12 measures for every facility: set-based loading + evaluation). Prints one JSON line:
//   {"bench":"overview","facilities":10000,"ms":…,"perSecond":…,"coldMs":…,"insertMs":…,"drillMs":…,"loadMs":…,"evaluateMs":…}
// ms = the faster of two warm runs; coldMs = the first run (JIT and PGlite caches cold); drillMs = one
// drill-down page (only that measure evaluated); loadMs / evaluateMs = buildSnapshots for all facilities
// alone, then evaluating those snapshots alone (where the time goes). Run: npm run bench -- overview [--facilities N]

import { pathToFileURL } from "node:url";
import { migrateDb, openPglite } from "../../db/client";
import type { Db } from "../../db/client";
import {
  documents,
  facilities,
  facilityClasses,
  feeDeclarations,
  inclusiveApplications,
  organisations,
  staffMembers,
  staffQualifications,
} from "../../db/schema";
import { seedReferenceData } from "../../db/seed";
import type { Actor } from "../../app/auth/session.server";
import {
  buildSnapshots,
  jurisdictionOverview,
  overviewFacilities,
  STATUSES,
} from "../../app/services/overview.server";
import { localParameters } from "../../app/services/pricing.server";
import { evaluate } from "../../rules/engine/evaluate";
import type { Snapshot } from "../../rules/snapshot";
import { prng, syntheticSnapshot } from "./synthetic";

const COUNTIES = [
  "340302",
  "340303",
  "340304",
  "340311",
  "340321",
  "340322",
  "340323",
];
const AS_OF = "2026-03-01";
const BATCH = 1000;

const reviewer: Actor = {
  userId: "bench-reviewer",
  username: "bench",
  displayName: "bench",
  roles: ["reviewer"],
  jurisdictionCode: "340300",
  organisationId: null,
  organisationJurisdictionCode: null,
  mustChangePassword: false,
  sessionId: "bench",
  ip: null,
  userAgent: null,
};

type Rows = {
  orgs: (typeof organisations.$inferInsert)[];
  facilities: (typeof facilities.$inferInsert)[];
  classes: (typeof facilityClasses.$inferInsert)[];
  staff: (typeof staffMembers.$inferInsert)[];
  quals: (typeof staffQualifications.$inferInsert)[];
  docs: (typeof documents.$inferInsert)[];
  fees: (typeof feeDeclarations.$inferInsert)[];
  apps: (typeof inclusiveApplications.$inferInsert)[];
};

function hex(n: number, width = 12): string {
  return n.toString(16).padStart(width, "0");
}

/** Deterministic UUIDs per table, so rows can reference each other before insertion. */
function uuid(table: number, n: number): string {
  return `${hex(table, 8)}-0000-4000-8000-${hex(n)}`;
}

/** The database rows that make up one synthetic snapshot's facility (filed, in one of 蚌埠's counties). */
function rowsFor(
  i: number,
  s: Snapshot,
  rand: () => number,
  rows: Rows,
  counters: { staff: number; doc: number }
) {
  const orgId = uuid(1, i);
  const facilityId = uuid(2, i);
  const county = COUNTIES[Math.floor(rand() * COUNTIES.length)] ?? "340321";
  const op = s.operator;
  rows.orgs.push({
    id: orgId,
    name: `示例托育机构 ${i}`,
    uscc: op.uscc ?? null,
    legalForm: op.legalForm ?? null,
    ownership: op.ownership ?? null,
    businessScopeIncludesChildcare: op.businessScopeIncludesChildcare ?? null,
    jurisdictionCode: county,
  });
  const f = s.facility;
  rows.facilities.push({
    id: facilityId,
    organisationId: orgId,
    name: `示例托育 ${String(i).padStart(5, "0")}`,
    jurisdictionCode: county,
    kind: f.kind ?? null,
    serviceTypes: [...(f.serviceTypes ?? [])],
    totalSlots: f.totalSlots ?? null,
    openedOn: f.openedOn ?? null,
    mealsProvided: f.mealsProvided ?? null,
    premisesTenure: f.premises?.tenure ?? null,
    leaseStartsOn: f.premises?.leaseStartsOn ?? null,
    leaseEndsOn: f.premises?.leaseEndsOn ?? null,
    premisesStateOwned: f.premises?.stateOwned ?? null,
    employerName: f.employer?.name ?? null,
    employerMainlyForOwnEmployees: f.employer?.mainlyForOwnEmployees ?? null,
    employerOpenToOtherEmployers: f.employer?.openToOtherEmployers ?? null,
    kindergartenOwnership: f.kindergarten?.ownership ?? null,
    filingState: "filed",
    filedOn: s.filing?.filedOn ?? "2025-01-01",
    receiptNumber: `${county}-B-${String(i).padStart(6, "0")}`,
  });
  for (const c of s.classes ?? []) {
    const enrolled = c.enrolled ?? 0;
    rows.classes.push({
      facilityId,
      type: c.type ?? "toddler",
      capacity: Math.max(enrolled, 20),
      enrolled,
      caregivers: c.caregivers ?? 0,
    });
  }
  const proofId = uuid(3, (counters.doc += 1));
  rows.docs.push({
    id: proofId,
    facilityId,
    kind: "qualification_proof",
    sha256: hex(i, 64),
    mimeType: "application/pdf",
    sizeBytes: 1000,
    originalName: "proof.pdf",
  });
  for (const d of s.documents ?? []) {
    rows.docs.push({
      id: uuid(3, (counters.doc += 1)),
      facilityId,
      kind: d.kind ?? "other",
      sha256: hex(i, 64),
      mimeType: "application/pdf",
      sizeBytes: 1000,
      originalName: "doc.pdf",
      issuedOn: d.issuedOn ?? null,
      validUntil: d.validUntil ?? null,
      passed: d.passed ?? null,
    });
  }
  for (const m of s.staff ?? []) {
    const staffId = uuid(4, (counters.staff += 1));
    rows.staff.push({
      id: staffId,
      facilityId,
      name: "员工",
      idNumberEncrypted: "x",
      idNumberHmac: hex(counters.staff, 64),
      idNumberMasked: "3401**********1234",
      role: m.role ?? "other",
      education: m.education ?? null,
      yearsOfExperience: m.yearsOfRelevantExperience ?? null,
      healthCertificateValidUntil: m.healthCertificateValidUntil ?? null,
      backgroundCheckOn: m.backgroundCheckOn ?? null,
      laborContract: m.laborContract ?? null,
      socialInsurance: m.socialInsurance ?? null,
    });
    for (const q of m.qualifications ?? []) {
      rows.quals.push({
        staffId,
        kind: q.kind ?? "childcare_worker",
        level: q.level ?? null,
        validUntil: q.validUntil ?? null,
        proofDocumentId: q.proofDocument ? proofId : null,
      });
    }
  }
  const seen = new Set<string>();
  for (const fee of s.fees ?? []) {
    const key = `${fee.classType}|${fee.serviceType}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.fees.push({
      facilityId,
      kind: "basic",
      classType: fee.classType ?? null,
      serviceType: fee.serviceType ?? null,
      amountFen: fee.amountFen ?? 0,
    });
  }
  const inc = s.inclusive;
  if (inc && inc.status && inc.status !== "none") {
    rows.apps.push({
      facilityId,
      status: inc.status,
      appliedAt: new Date("2025-01-01T00:00:00Z"),
      appliedBy: "bench",
      precheck: {},
      certifiedSlots: inc.certifiedSlots ?? null,
      validFrom: inc.validFrom ?? null,
      validUntil: inc.validUntil ?? null,
    });
  }
}

async function insertAll<T extends object>(
  db: Db,
  table: Parameters<Db["insert"]>[0],
  values: T[]
) {
  for (let i = 0; i < values.length; i += BATCH) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one helper for eight tables
    await db.insert(table).values(values.slice(i, i + BATCH) as any);
  }
}

export async function main(args: string[] = []): Promise<void> {
  const countArg = args.indexOf("--facilities");
  const count = countArg >= 0 ? Number(args[countArg + 1]) : 10_000;
  const handle = await openPglite();
  try {
    await migrateDb(handle);
    await seedReferenceData(handle.db);
    const db = handle.db;

    const insertStart = performance.now();
    const rand = prng(20261123);
    const counters = { staff: 0, doc: 0 };
    const rows: Rows = {
      orgs: [],
      facilities: [],
      classes: [],
      staff: [],
      quals: [],
      docs: [],
      fees: [],
      apps: [],
    };
    for (let i = 0; i < count; i += 1)
      rowsFor(i, syntheticSnapshot(rand), rand, rows, counters);
    await insertAll(db, organisations, rows.orgs);
    await insertAll(db, facilities, rows.facilities);
    await insertAll(db, facilityClasses, rows.classes);
    await insertAll(db, documents, rows.docs);
    await insertAll(db, staffMembers, rows.staff);
    await insertAll(db, staffQualifications, rows.quals);
    await insertAll(db, feeDeclarations, rows.fees);
    await insertAll(db, inclusiveApplications, rows.apps);
    await handle.client.query("ANALYZE");
    const insertMs = performance.now() - insertStart;

    let start = performance.now();
    const cold = await jurisdictionOverview(db, reviewer, AS_OF);
    const coldMs = performance.now() - start;
    if (cold.facilities !== count)
      throw new Error(
        `overview bench: ${cold.facilities} facilities counted, ${count} inserted`
      );
    for (const m of cold.measures) {
      const sum = STATUSES.reduce((a, s) => a + m.counts[s], 0);
      if (sum !== count)
        throw new Error(
          `overview bench: ${m.measure} counts ${sum}, expected ${count}`
        );
    }
    let ms = Infinity;
    for (let run = 0; run < 2; run += 1) {
      start = performance.now();
      await jurisdictionOverview(db, reviewer, AS_OF);
      ms = Math.min(ms, performance.now() - start);
    }
    start = performance.now();
    const drill = await overviewFacilities(
      db,
      reviewer,
      AS_OF,
      "filing.complete",
      "needs_info",
      1
    );
    const drillMs = performance.now() - start;
    const needsInfo = cold.measures.find((m) => m.measure === "filing.complete")
      ?.counts.needs_info;
    if (drill.total !== needsInfo)
      throw new Error(
        `overview bench: drill-down ${drill.total} ≠ count ${needsInfo}`
      );

    // where the time goes: set-based loading alone, then evaluating the loaded snapshots alone
    const ids = (await db.select({ id: facilities.id }).from(facilities)).map(
      (r) => r.id
    );
    start = performance.now();
    const snapshots = await buildSnapshots(db, ids, AS_OF);
    const loadMs = performance.now() - start;
    const local = await localParameters(db);
    start = performance.now();
    for (const snapshot of snapshots.values())
      evaluate(snapshot, { asOf: AS_OF, localParameters: local });
    const evaluateMs = performance.now() - start;

    process.stdout.write(
      `${JSON.stringify({
        bench: "overview",
        facilities: count,
        ms: Math.round(ms),
        perSecond: Math.round((count / ms) * 1000),
        coldMs: Math.round(coldMs),
        insertMs: Math.round(insertMs),
        drillMs: Math.round(drillMs),
        loadMs: Math.round(loadMs),
        evaluateMs: Math.round(evaluateMs),
        rows: {
          staff: rows.staff.length,
          qualifications: rows.quals.length,
          documents: rows.docs.length,
          classes: rows.classes.length,
        },
      })}\n`
    );
  } finally {
    await handle.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href)
  await main(process.argv.slice(2));
