// Pieces shared by the pricing pages (the price officer's schedules, the operator's fee declarations):
// whether the page has hydrated (without JavaScript every method's inputs show), a jurisdiction's name in
// the page's language, and a fee with its unit (per month, hour or day by service type).
import { useEffect, useState } from "react";
import type { Lang } from "../../i18n/i18n";
import { formatMoney } from "../../utils/format";

type T = (key: string, options?: Record<string, unknown>) => string;

export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export function jName(j: { nameZh: string; nameEn: string }, lang: Lang): string {
  return lang === "zh-CN" ? j.nameZh : j.nameEn;
}

const UNIT: Record<string, string> = {
  full_day: "pricing.fees.perMonth",
  half_day: "pricing.fees.perMonth",
  hourly: "pricing.fees.perHour",
  temporary: "pricing.fees.perDay",
};

/** An amount with the unit its service type is charged by (none when the type is unknown). */
export function feeMoney(t: T, fen: number, serviceType?: string | null): string {
  return `${formatMoney(fen)}${serviceType && UNIT[serviceType] ? t(UNIT[serviceType]) : ""}`;
}
