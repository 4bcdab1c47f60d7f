// The 2026 official holiday calendar, from 国务院办公厅关于2026年部分节假日安排的通知 (dated 2025-11-04,
// released by Xinhua the same day). Every day of each holiday period is listed as `holiday` (weekend days
// inside a period included, so the period reads whole in the admin list); every weekend day worked in
// exchange (调休) is a `workday`. Weekdays were checked against the notice's own (周x) annotations.
// Seeded by app/services/calendar.server.ts `seedCalendar`; admins may correct it afterwards.
import { addDays } from "../rules/engine/dates";

export type CalendarSeedDay = {
  day: string;
  kind: "holiday" | "workday";
  nameZh: string;
  nameEn: string;
  reference: string;
};

export const CALENDAR_2026_REFERENCE =
  "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日，新华社受权发布；https://politics.gmw.cn/2025-11/04/content_38391083.htm）";

type Period = { nameZh: string; nameEn: string; from: string; to: string; workdays: string[] };

// 一、元旦 … 七、国庆节, in the notice's order and words
const PERIODS_2026: Period[] = [
  // 1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
  { nameZh: "元旦", nameEn: "New Year's Day", from: "2026-01-01", to: "2026-01-03", workdays: ["2026-01-04"] },
  // 2月15日（腊月二十八、周日）至23日（正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
  { nameZh: "春节", nameEn: "Spring Festival", from: "2026-02-15", to: "2026-02-23", workdays: ["2026-02-14", "2026-02-28"] },
  // 4月4日（周六）至6日（周一）放假，共3天。
  { nameZh: "清明节", nameEn: "Qingming Festival", from: "2026-04-04", to: "2026-04-06", workdays: [] },
  // 5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
  { nameZh: "劳动节", nameEn: "Labour Day", from: "2026-05-01", to: "2026-05-05", workdays: ["2026-05-09"] },
  // 6月19日（周五）至21日（周日）放假，共3天。
  { nameZh: "端午节", nameEn: "Dragon Boat Festival", from: "2026-06-19", to: "2026-06-21", workdays: [] },
  // 9月25日（周五）至27日（周日）放假，共3天。
  { nameZh: "中秋节", nameEn: "Mid-Autumn Festival", from: "2026-09-25", to: "2026-09-27", workdays: [] },
  // 10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
  { nameZh: "国庆节", nameEn: "National Day", from: "2026-10-01", to: "2026-10-07", workdays: ["2026-09-20", "2026-10-10"] },
];

function expand(periods: Period[], reference: string): CalendarSeedDay[] {
  const days: CalendarSeedDay[] = [];
  for (const p of periods) {
    for (let d = p.from; d <= p.to; d = addDays(d, 1)) {
      days.push({ day: d, kind: "holiday", nameZh: p.nameZh, nameEn: p.nameEn, reference });
    }
    for (const d of p.workdays) {
      days.push({ day: d, kind: "workday", nameZh: `${p.nameZh}调休上班`, nameEn: `${p.nameEn} make-up workday`, reference });
    }
  }
  return days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** 33 holiday days and 6 make-up workdays, in date order. */
export const CALENDAR_2026: readonly CalendarSeedDay[] = expand(PERIODS_2026, CALENDAR_2026_REFERENCE);
