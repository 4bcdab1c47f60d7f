// The machinery of the demo world: a timeline of steps run in date order on the business clock (so a
// filing submitted "12 days ago" carries that date and is overdue today), actors for the seeded accounts,
// deterministic names and ID numbers from a fixed seed, and small generated PDF proofs.
import { eq } from "drizzle-orm";
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { Actor } from "../../app/auth/session.server";
import { addDays } from "../../rules/engine/dates";
import { residentIdCheckCharacter, usccCheckCharacter } from "../../rules/identifiers";
import type { Db } from "../client";
import { organisations, userRoles, users } from "../schema";

type ClockGlobal = { __tuoyuClockOffsetDays?: number };

export type Step = { day: number; seq: number; label: string; run: () => Promise<void> };

/**
 * Collects steps by day (an offset from the seeding day, ≤ 0) and runs them in order, each with the
 * business clock set to its day. The clock is restored afterwards, also when a step fails.
 */
export function timeline() {
  const steps: Step[] = [];
  let seq = 0;
  return {
    at(day: number, label: string, run: () => Promise<void>) {
      // nothing in the seeded past may happen after the seeding day
      steps.push({ day: Math.min(0, Math.round(day)), seq: (seq += 1), label, run });
    },
    async run(onStep?: (step: Step) => void): Promise<number> {
      const clock = globalThis as ClockGlobal;
      const base = clock.__tuoyuClockOffsetDays ?? 0;
      steps.sort((a, b) => a.day - b.day || a.seq - b.seq);
      try {
        for (const step of steps) {
          clock.__tuoyuClockOffsetDays = base + step.day;
          onStep?.(step);
          try {
            await step.run();
          } catch (error) {
            const message = error instanceof Error ? `${error.message} ${JSON.stringify((error as { fields?: unknown }).fields ?? "")}` : String(error);
            throw new Error(`demo world: step "${step.label}" (day ${step.day}) failed: ${message}`);
          }
        }
      } finally {
        clock.__tuoyuClockOffsetDays = base;
      }
      return steps.length;
    },
  };
}

/** The calendar date `day` days from `today`. */
export function dateAt(today: string, day: number): string {
  return addDays(today, Math.round(day));
}

/** Days from `today` to `date` (negative in the past). */
export function daysUntil(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** `YYYY-MM` of the month `back` months before `today`'s month. */
export function monthBefore(today: string, back: number): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** mulberry32: a small, fast, deterministic generator (the seed fixes the whole world). */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "秀英桂英玉兰丽娟静敏燕艳霞芳娜丹玲萍红梅琳雪慧婷颖欣怡佳悦晨晓宁洁倩琴云莉楠璐瑶蕾雯";

export function chineseName(rand: ReturnType<typeof prng>): string {
  const surname = SURNAMES[rand.int(0, SURNAMES.length - 1)] ?? "王";
  const length = rand.next() < 0.7 ? 2 : 1;
  let given = "";
  for (let i = 0; i < length; i += 1) given += GIVEN[rand.int(0, GIVEN.length - 1)] ?? "芳";
  return surname + given;
}

/** A resident ID number with a correct GB 11643 check character: the county's code, a birth date, a sequence. */
export function residentId(county: string, birthDate: string, sequence: number): string {
  const first17 = `${county.slice(0, 6)}${birthDate.replace(/-/g, "")}${String(sequence % 1000).padStart(3, "0")}`;
  return first17 + (residentIdCheckCharacter(first17) ?? "X");
}

export function uscc(first17: string): string {
  const check = usccCheckCharacter(first17);
  if (!check) throw new Error(`demo world: ${first17} is not the start of a unified social credit code`);
  return first17 + check;
}

const PDF_DATE = new Date("2026-01-01T00:00:00Z");
const pdfCache = new Map<string, Uint8Array>();

/** A one-page PDF naming what it stands for (ASCII text in a standard font: no font to embed). Deterministic bytes. */
export async function demoPdf(title: string): Promise<{ bytes: Uint8Array; name: string }> {
  let bytes = pdfCache.get(title);
  if (!bytes) {
    const doc = await PDFDocument.create();
    doc.setCreationDate(PDF_DATE);
    doc.setModificationDate(PDF_DATE);
    doc.setProducer("Tuoyu demo world");
    doc.setCreator("Tuoyu demo world");
    const page = doc.addPage([420, 297]);
    const font = await doc.embedFont(StandardFonts.Helvetica);
    page.drawText("Tuoyu demo world - specimen document", { x: 30, y: 250, size: 14, font });
    page.drawText(title.slice(0, 80), { x: 30, y: 220, size: 11, font });
    page.drawText("Not a real certificate. Generated for demonstration only.", { x: 30, y: 190, size: 9, font });
    bytes = await doc.save({ useObjectStreams: false });
    pdfCache.set(title, bytes);
  }
  return { bytes, name: `${title.replace(/[^A-Za-z0-9-]+/g, "-").slice(0, 60)}.pdf` };
}

/** The actor of a seeded account, as a signed-in session would present it (audit: "demo seed" as the client). */
export async function actorOf(db: Db, username: string): Promise<Actor> {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  if (!user) throw new Error(`demo world: no account ${username}`);
  const roles = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, user.id));
  let organisationJurisdictionCode: string | null = null;
  if (user.organisationId) {
    const [org] = await db.select({ code: organisations.jurisdictionCode }).from(organisations).where(eq(organisations.id, user.organisationId));
    organisationJurisdictionCode = org?.code ?? null;
  }
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: roles.map((r) => r.role),
    jurisdictionCode: user.jurisdictionCode,
    organisationId: user.organisationId,
    organisationJurisdictionCode,
    mustChangePassword: false,
    sessionId: "demo-seed",
    ip: null,
    userAgent: "Tuoyu demo seed",
  };
}
