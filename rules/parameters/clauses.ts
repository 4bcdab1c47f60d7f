// Every clause the traceability table (`npm run rules -- trace-clauses`, rules/trace.ts) accounts for:
// each numbered clause of the two city texts in shared/policies, and each (document, clause) pair of the
// national and other texts in REF. Pure data, shipped with the app. City clause strings follow REF's
// style, so the entries the rules cite are string-equal to the REF ones:
//   阿拉尔: "二（四）第15条" — section 二、主要措施, subsection （一）…（七）, then the measure number. The
//     text prints no "（一）" before 营造良好的婚育环境 (clauses 1–4) and no "一、" before 工作目标 (which has no
//     numbered clauses); 三、组织保障 has no subsections: "三、第26条".
//   蚌埠: "三、第7条" — section 一、…七、, then the measure number.
// A rule citing a clause that is not listed here shows up in the table's "unlisted references".

import type { Text } from "../engine/types";
import {
  ACFTU_CARING_EMPLOYER,
  ACFTU_PROJECT_2025,
  ALAR_PLAN,
  BENGBU_MEASURES,
  CHILDCARE_HEALTH_RULES,
  FILING_RULES,
  HOME_BASED_RULES,
  MANAGEMENT_NORMS,
  MINORS_LAW,
  PRICING_EXAMPLE,
  PRICING_OPINION,
  REF,
  SETTING_STANDARD,
  STATE_COUNCIL_2019_15,
  TAX_2019_76,
  TAX_2026_7,
  WORKDAYS_NOTICE,
} from "./references";

export type ClauseKind = "city" | "national";

export type Clause = { document: string; clause: string; kind: ClauseKind; title?: Text };

/** The two city texts (seeds), in the order the table lists them. */
export const CITY_DOCUMENTS: readonly string[] = [ALAR_PLAN, BENGBU_MEASURES];

/** English names of the documents, for the table's headings. */
export const DOCUMENT_NAMES_EN: Readonly<Record<string, string>> = {
  [ALAR_PLAN]: "Alar (1st Division) plan for a fertility-friendly society, draft for comment",
  [BENGBU_MEASURES]: "Bengbu measures to improve and implement fertility support",
  [FILING_RULES]: "Childcare facility registration and filing rules (trial)",
  [SETTING_STANDARD]: "Childcare facility setting standard (trial)",
  [MANAGEMENT_NORMS]: "Childcare facility management norms (trial)",
  [HOME_BASED_RULES]: "Home-based childcare point rules (trial, 2023)",
  [MINORS_LAW]: "Law on the Protection of Minors",
  [CHILDCARE_HEALTH_RULES]: "Health-care rules for nurseries and kindergartens (2010)",
  [PRICING_OPINION]: "NDRC guidance on inclusive childcare prices (2024, No. 1477)",
  [PRICING_EXAMPLE]: "A Chongqing district's fee guidance (example in DOMAIN.md)",
  [WORKDAYS_NOTICE]: "Notice on average monthly working time and pay conversion (2008)",
  [STATE_COUNCIL_2019_15]: "State Council guidance on care services for children under 3 (2019, No. 15)",
  [TAX_2019_76]: "Announcement 2019 No. 76 on tax relief for community family services",
  [TAX_2026_7]: "Announcement 2026 No. 7 extending the community-services tax relief",
  [ACFTU_CARING_EMPLOYER]: "ACFTU and NHC national caring-childcare employers (from 2022)",
  [ACFTU_PROJECT_2025]: "ACFTU 2025 support for employer childcare projects",
  "蚌埠市托育服务机构补助办法（试行）— 各县区补助方案（未取得原文，示例值）": "Bengbu childcare subsidy rules, county schemes (text not at hand; demo values)",
};

type Row = [clause: string, zh: string, en: string];

function city(document: string, rows: readonly Row[]): Clause[] {
  return rows.map(([clause, zh, en]) => ({ document, clause, kind: "city", title: { zh, en } }));
}

const ALAR: readonly Row[] = [
  ["二（一）第1条", "加强政策宣传引导", "Publicise the policies and guide opinion"],
  ["二（一）第2条", "培育新型婚育文化", "Foster a new culture of marriage and childbearing"],
  ["二（一）第3条", "完善婚姻登记相关服务", "Improve marriage-registration services"],
  ["二（一）第4条", "关爱妇女儿童", "Care for women and children"],
  ["二（二）第5条", "做好婚前医学检查", "Premarital medical check-ups"],
  ["二（二）第6条", "落实好孕前健康检查", "Pre-pregnancy health check-ups"],
  ["二（二）第7条", "落实好产前健康检查", "Prenatal check-ups"],
  ["二（二）第8条", "做好“出生一件事”", "Birth registration as one joined-up service"],
  ["二（二）第9条", "提升妇幼健康服务水平", "Better maternal and child health services"],
  ["二（二）第10条", "解决辅助生殖需求", "Meet the need for assisted reproduction"],
  ["二（三）第11条", "严格落实生育休假制度", "Enforce the birth-related leave rules"],
  ["二（三）第12条", "增加育儿假", "Additional parental leave"],
  ["二（三）第13条", "降低生育成本", "Lower the cost of giving birth"],
  ["二（三）第14条", "落实育儿补贴政策", "Childcare allowance for children under 3"],
  ["二（四）第15条", "扩大托育服务供给", "Expand the supply of childcare services"],
  ["二（四）第16条", "降低托育机构运营成本", "Lower childcare facilities' operating costs"],
  ["二（四）第17条", "加大照护服务专业队伍培养", "Train a professional childcare workforce"],
  ["二（五）第18条", "加强儿科学科建设", "Strengthen paediatrics"],
  ["二（五）第19条", "优化教育资源配置", "Allocate education resources better"],
  ["二（五）第20条", "实施教育补贴", "Education subsidies"],
  ["二（六）第21条", "加强租房支持", "Support for renting homes"],
  ["二（六）第22条", "加大购房支持", "Support for buying homes"],
  ["二（六）第23条", "强化税收激励机制", "Tax incentives"],
  ["二（七）第24条", "维护女性就业合法权益", "Protect women's employment rights"],
  ["二（七）第25条", "建立友好工作环境", "Family-friendly workplaces"],
  ["三、第26条", "加强组织领导", "Leadership and organisation"],
  ["三、第27条", "形成推动合力", "Work together across departments"],
  ["三、第28条", "加强工作督导", "Supervise implementation"],
];

const BENGBU: readonly Row[] = [
  ["一、第1条", "落实生育保险待遇", "Maternity insurance benefits"],
  ["一、第2条", "强化优生优育服务", "Prenatal and postnatal care services"],
  ["二、第3条", "强化税收支持生育政策", "Tax support for families with children"],
  ["二、第4条", "实施育儿补贴制度", "One-off allowance for a second or third child"],
  ["二、第5条", "加强住房保障", "Housing support"],
  ["三、第6条", "拓宽普惠性托育服务多元供给渠道", "Broaden the channels supplying inclusive childcare"],
  ["三、第7条", "完善财政保障政策", "Fiscal support (county subsidy schemes, operating subsidies)"],
  ["四、第8条", "改善教育资源供给", "Education supply (inclusive toddler classes in kindergartens)"],
  ["四、第9条", "落实课后服务工作", "After-school services"],
  ["四、第10条", "规范校外培训", "Regulate off-campus tutoring"],
  ["五、第11条", "落实休假制度", "Leave entitlements"],
  ["五、第12条", "保障产后女性就业", "Women's employment after childbirth"],
  ["五、第13条", "加强监管执法", "Supervision and enforcement against discrimination"],
  ["六、第14条", "落实医疗服务", "Medical services for families with special family-planning circumstances"],
  ["七、第15条", "做好宣传倡导", "Publicity and advocacy"],
  ["七、第16条", "加强组织领导", "Leadership and organisation"],
];

// Titles of the national clauses, by REF key. A REF entry without one is still listed (untitled).
export const NATIONAL_TITLES: Readonly<Record<string, Text>> = {
  filingConditions: { zh: "备案条件", en: "Conditions for filing" },
  filingMaterials: { zh: "备案材料", en: "Filing materials" },
  site: { zh: "场地（自有或租赁期不少于3年）", en: "Premises (owned, or leased for at least 3 years)" },
  classSizes: { zh: "班型与班额", en: "Class types and sizes" },
  ratios: { zh: "保育人员配备比例", en: "Caregiver-to-child ratios" },
  director: { zh: "托育机构负责人条件", en: "Director requirements" },
  healthWorker: { zh: "保健人员条件", en: "Health-worker requirements" },
  securityGuard: { zh: "保安人员条件", en: "Security-guard requirements" },
  caregivers: { zh: "保育人员条件", en: "Caregiver requirements" },
  healthCertificates: { zh: "工作人员健康检查", en: "Staff health checks" },
  yearlyHealthCheck: { zh: "在岗工作人员每年健康检查", en: "Yearly health check of staff in post" },
  backgroundCheck: { zh: "入职查询（密切接触未成年人单位）", en: "Background checks before hiring" },
  yearlyBackgroundCheck: { zh: "每年定期查询", en: "Yearly repeat of the background check" },
  homeBased: { zh: "收托人数与照护人员配备", en: "Children per point and carers" },
  homeBasedCarers: { zh: "照护人员条件", en: "Carer requirements" },
  pricing: { zh: "普惠托育服务价格", en: "Prices of inclusive childcare" },
  inclusiveProviders: { zh: "普惠托育服务提供主体", en: "Who provides inclusive childcare" },
  inclusiveRecognition: { zh: "普惠性托育机构认定条件", en: "Conditions for inclusive recognition" },
  pricingExample: { zh: "收费上限计算方法（外地示例，非本市文件）", en: "Fee-cap method (another city's example)" },
  workdays: { zh: "日工资、小时工资的折算（月计薪天数21.75）", en: "Daily and hourly pay (21.75 paid days a month)" },
  utility: { zh: "水电气热按居民生活类价格", en: "Residential utility prices" },
  tax2019: { zh: "社区家庭服务业税费优惠", en: "Tax and fee relief for community services" },
  tax2019Period: { zh: "执行期限", en: "Period of the relief" },
  tax2026: { zh: "延续执行", en: "Extension of the relief" },
  caringEmployer: { zh: "2022年推选与补助", en: "2022 selection and awards" },
  caringEmployer2023: { zh: "2023年推选与补助", en: "2023 selection and awards" },
  projectGrant: { zh: "每个项目补助1万元", en: "10,000 yuan per project" },
  subsidyPeriodDemo: { zh: "补助月份计算方式（未取得原文）", en: "How subsidised months are counted (text not at hand)" },
};

// Every REF entry that is neither a city clause nor the demo placeholder, in REF's order: a reference
// added to REF is listed here without further ado (the city clauses, by contrast, are checked against
// the texts above, so a city clause string that does not match shows up as unlisted).
const NATIONAL: readonly Clause[] = Object.entries(REF)
  .filter(([, ref]) => !CITY_DOCUMENTS.includes(ref.document) && ref.document !== REF.demo.document)
  .map(([key, ref]) => ({ document: ref.document, clause: ref.clause, kind: "national" as const, ...(NATIONAL_TITLES[key] ? { title: NATIONAL_TITLES[key] } : {}) }));

/** The clause list of the traceability table: 阿拉尔, 蚌埠, then the national texts. */
export const CLAUSES: readonly Clause[] = [...city(ALAR_PLAN, ALAR), ...city(BENGBU_MEASURES, BENGBU), ...NATIONAL];
