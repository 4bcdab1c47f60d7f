// The demo organisations and accounts (README "Demo accounts"): one account per role in each city,
// plus county reviewers of 怀远县 and 五河县 to show jurisdiction scope, and 固镇县 and 怀远县 users holding two roles.
// Plain data so the end-to-end tests can import it.
import type { Role } from "./schema/enums";

/** The password of every demo account (README). It is ≥ 10 characters and not a common password. */
export const DEMO_PASSWORD = "Tuoyu-Demo-2026";

export const DEMO_ORGANISATIONS = [
  { key: "bengbu", name: "蚌埠市龙子湖区小星星托育有限公司", uscc: "91340302MA2Q6W7E8R", jurisdictionCode: "340302" },
  { key: "huaiyuan", name: "怀远县禾苗托育服务有限公司", uscc: "91340321MA2R3K5L1R", jurisdictionCode: "340321" },
  { key: "alar", name: "阿拉尔市幸福里托育中心", uscc: "52659002MJ0A1B2C3K", jurisdictionCode: "659002" },
] as const;

export type DemoUser = { username: string; displayName: string; roles: Role[]; jurisdictionCode?: string; organisation?: (typeof DEMO_ORGANISATIONS)[number]["key"] };

export const DEMO_USERS: DemoUser[] = [
  { username: "bb-operator", displayName: "蚌埠示例运营方（小星星托育）", roles: ["operator"], organisation: "bengbu" },
  { username: "hy-operator", displayName: "怀远示例运营方（禾苗托育）", roles: ["operator"], organisation: "huaiyuan" },
  { username: "bb-reviewer", displayName: "蚌埠市卫健委审核员", roles: ["reviewer"], jurisdictionCode: "340300" },
  { username: "hy-reviewer", displayName: "怀远县卫健委审核员", roles: ["reviewer"], jurisdictionCode: "340321" },
  { username: "wh-reviewer", displayName: "五河县卫健委审核员", roles: ["reviewer"], jurisdictionCode: "340322" },
  { username: "bb-price", displayName: "蚌埠市发改委价格科", roles: ["price_officer"], jurisdictionCode: "340300" },
  { username: "bb-finance", displayName: "蚌埠市财政局", roles: ["finance_officer"], jurisdictionCode: "340300" },
  { username: "bb-union", displayName: "蚌埠市总工会", roles: ["union_officer"], jurisdictionCode: "340300" },
  { username: "bb-admin", displayName: "蚌埠市卫健委系统管理员", roles: ["admin"], jurisdictionCode: "340300" },
  { username: "bb-auditor", displayName: "蚌埠市审计人员", roles: ["auditor"], jurisdictionCode: "340300" },
  { username: "gz-staff", displayName: "固镇县卫健委（审核与财政兼岗）", roles: ["reviewer", "finance_officer"], jurisdictionCode: "340323" },
  // holds both roles where the demo facility is, so the four-eyes refusal can be shown (and tested) on a real batch
  { username: "hy-staff", displayName: "怀远县卫健委（审核与财政兼岗）", roles: ["reviewer", "finance_officer"], jurisdictionCode: "340321" },
  { username: "al-operator", displayName: "阿拉尔示例运营方（幸福里托育）", roles: ["operator"], organisation: "alar" },
  { username: "al-reviewer", displayName: "阿拉尔市卫健委审核员", roles: ["reviewer"], jurisdictionCode: "659002" },
  { username: "al-price", displayName: "阿拉尔市发改委价格科", roles: ["price_officer"], jurisdictionCode: "659002" },
  { username: "al-finance", displayName: "阿拉尔市财政局", roles: ["finance_officer"], jurisdictionCode: "659002" },
  { username: "al-union", displayName: "阿拉尔市总工会", roles: ["union_officer"], jurisdictionCode: "659002" },
  { username: "al-admin", displayName: "阿拉尔市卫健委系统管理员", roles: ["admin"], jurisdictionCode: "659002" },
  { username: "al-auditor", displayName: "阿拉尔市审计人员", roles: ["auditor"], jurisdictionCode: "659002" },
];

