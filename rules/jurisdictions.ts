// Administrative divisions the product knows (GB/T 2260; DOMAIN.md "Identifiers").
// One source of truth: the rules layer resolves parameters along `parent` chains, and the database's
// `jurisdictions` table is seeded from this list. Township codes under 阿拉尔市 are 9-digit demo codes
// (its 团镇 are sub-units of 兵团第一师; real codes not verified) and are marked `demo`.

export const JURISDICTION_LEVELS = ["country", "province", "city", "county", "town"] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

export type Jurisdiction = {
  code: string;
  parent: string | null;
  level: JurisdictionLevel;
  name: { zh: string; en: string };
  demo?: boolean;
};

export const JURISDICTIONS: readonly Jurisdiction[] = [
  { code: "CN", parent: null, level: "country", name: { zh: "全国", en: "China (national)" } },
  { code: "340000", parent: "CN", level: "province", name: { zh: "安徽省", en: "Anhui Province" } },
  { code: "340300", parent: "340000", level: "city", name: { zh: "蚌埠市", en: "Bengbu City" } },
  { code: "340302", parent: "340300", level: "county", name: { zh: "龙子湖区", en: "Longzihu District" } },
  { code: "340303", parent: "340300", level: "county", name: { zh: "蚌山区", en: "Bengshan District" } },
  { code: "340304", parent: "340300", level: "county", name: { zh: "禹会区", en: "Yuhui District" } },
  { code: "340311", parent: "340300", level: "county", name: { zh: "淮上区", en: "Huaishang District" } },
  { code: "340321", parent: "340300", level: "county", name: { zh: "怀远县", en: "Huaiyuan County" } },
  { code: "340322", parent: "340300", level: "county", name: { zh: "五河县", en: "Wuhe County" } },
  { code: "340323", parent: "340300", level: "county", name: { zh: "固镇县", en: "Guzhen County" } },
  { code: "650000", parent: "CN", level: "province", name: { zh: "新疆维吾尔自治区", en: "Xinjiang Uygur Autonomous Region" } },
  { code: "659002", parent: "650000", level: "city", name: { zh: "阿拉尔市", en: "Aral City" } },
  { code: "659002101", parent: "659002", level: "town", name: { zh: "金银川镇（示例）", en: "Jinyinchuan Town (demo)" }, demo: true },
  { code: "659002102", parent: "659002", level: "town", name: { zh: "双城镇（示例）", en: "Shuangcheng Town (demo)" }, demo: true },
  { code: "659002103", parent: "659002", level: "town", name: { zh: "沙河镇（示例）", en: "Shahe Town (demo)" }, demo: true },
];

const byCode = new Map(JURISDICTIONS.map((j) => [j.code, j]));

export function findJurisdiction(code: string): Jurisdiction | undefined {
  return byCode.get(code);
}

/** The chain from the code itself up to `CN`, most specific first; empty for an unknown code. */
export function jurisdictionChain(code: string): string[] {
  const chain: string[] = [];
  let current = byCode.get(code);
  while (current) {
    chain.push(current.code);
    current = current.parent ? byCode.get(current.parent) : undefined;
  }
  return chain;
}

/** True when `code` is `ancestor` itself or lies below it. */
export function isWithin(code: string, ancestor: string): boolean {
  return jurisdictionChain(code).includes(ancestor);
}
