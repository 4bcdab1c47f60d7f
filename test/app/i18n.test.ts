import { describe, expect, it } from "vitest";
import { en } from "../../app/i18n/en";
import { zhCN } from "../../app/i18n/zh-CN";
import { langFromCookie, translator } from "../../app/i18n/i18n";
import { formatDate, formatMoney, todayInShanghai } from "../../app/utils/format";
import { ROLE_PERMISSIONS } from "../../app/auth/permissions";
import { ROLES } from "../../db/schema/enums";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

function leaves(value: unknown, prefix = ""): Array<[string, string]> {
  if (typeof value !== "object" || value === null) return [[prefix, String(value)]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path === join("rules", "releases") ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(path) ? [path] : [];
  });
}

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("translations", () => {
  it("English has exactly the Chinese keys, none empty", () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const k of keys(en)) expect(translator("en")(k)).not.toBe("");
  });
  it("uses the same placeholders in both languages for every key", () => {
    const english = new Map(leaves(en));
    const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();
    for (const [key, zh] of leaves(zhCN)) expect(placeholders(english.get(key) ?? ""), key).toEqual(placeholders(zh));
  });

  // A key is used when the code names it in a string literal (t("a.b"), a schema's message "a.b", a
  // "key|{json}" field error) or builds it under a literal prefix (t(`a.b.${value}`)).
  it("has no key the code never uses", () => {
    const files = ["app", "db", "rules"].flatMap(sourceFiles).filter((p) => !p.startsWith(join("app", "i18n")));
    const source = files.map((p) => readFileSync(p, "utf8")).join("\n");
    const prefixes = [...source.matchAll(/`([a-zA-Z][\w]*(?:\.[\w]+)*)\.\$\{/g)].map((m) => `${m[1]}.`);
    expect(prefixes.length).toBeGreaterThan(20);
    const unused = keys(zhCN).filter(
      (k) => !["\"", "'", "`"].some((q) => source.includes(`${q}${k}${q}`) || source.includes(`${q}${k}|`)) && !prefixes.some((p) => k.startsWith(p)),
    );
    expect(unused).toEqual([]);
  });

  it("every role and permission has a name in both languages", () => {
    for (const role of ROLES) {
      expect(translator("zh-CN")(`roles.${role}`)).not.toBe(`roles.${role}`);
      expect(translator("en")(`roles.${role}`)).not.toBe(`roles.${role}`);
      for (const p of ROLE_PERMISSIONS[role]) expect(translator("en")(`permissions.${p}`)).not.toBe(`permissions.${p}`);
    }
  });
  it("defaults to Simplified Chinese and remembers English from the cookie", () => {
    expect(langFromCookie(null)).toBe("zh-CN");
    expect(langFromCookie("a=b; lang=en")).toBe("en");
    expect(langFromCookie("lang=fr")).toBe("zh-CN");
  });
});

describe("display formats", () => {
  it("dates in Asia/Shanghai, 2026年3月1日 in Chinese", () => {
    expect(formatDate("2026-03-01", "zh-CN")).toBe("2026年3月1日");
    expect(formatDate("2026-03-01", "en")).toBe("1 Mar 2026");
    // 16:30 UTC on 28 Feb is already 1 March in Shanghai
    expect(formatDate(new Date("2026-02-28T16:30:00Z"), "zh-CN")).toBe("2026年3月1日");
    expect(todayInShanghai(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01-01");
  });
  it("money from integer fen", () => {
    expect(formatMoney(123450)).toBe("¥1,234.50");
    expect(formatMoney(5)).toBe("¥0.05");
    expect(formatMoney(-100)).toBe("-¥1.00");
  });
});
