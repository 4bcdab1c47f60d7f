// The command line, spawned as users run it. Refusals exit 2 with the errors JSON and no stack trace.

import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "rules-cli-"));
let n = 0;

function file(content: string): string {
  const path = join(dir, `${n++}.json`);
  writeFileSync(path, content);
  return path;
}

function cli(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync("node_modules/.bin/tsx", ["rules/cli.ts", ...args], { encoding: "utf8", input, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const snapshot = { jurisdiction: "340322", asOf: "2026-03-01", operator: {}, facility: {}, filing: {} };

function expectRefusal(r: { status: number | null; stdout: string; stderr: string }, path?: string): void {
  expect(r.status).toBe(2);
  expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
  const body = JSON.parse(r.stdout) as { errors: { path: string; message: { zh: string; en: string } }[] };
  expect(body.errors.length).toBeGreaterThan(0);
  for (const e of body.errors) expect(e.message.zh && e.message.en).toBeTruthy();
  if (path !== undefined) expect(body.errors.map((e) => e.path)).toContain(path);
}

describe("npm run rules -- evaluate", () => {
  it("prints the Evaluation for a snapshot file", () => {
    const r = cli(["evaluate", file(JSON.stringify(snapshot))]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { asOf: string; determinations: unknown[] };
    expect(out.asOf).toBe("2026-03-01");
    expect(out.determinations).toHaveLength(12);
  });

  it("reads stdin with - and takes --as-of over the snapshot's date", () => {
    const r = cli(["evaluate", "-", "--as-of", "2026-06-01"], JSON.stringify(snapshot));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).asOf).toBe("2026-06-01");
  });

  it("applies a local parameters file and reports its version", () => {
    const local = file(JSON.stringify([{ parameter: "subsidy.operating.per_child_month_fen", jurisdiction: "340322", effectiveFrom: "2026-01-01", value: 30000, reference: { document: "五河县补助方案（示例）", clause: "第二条" } }]));
    const r = cli(["evaluate", file(JSON.stringify(snapshot)), "--parameters", local]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).localParametersVersion).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses malformed JSON", () => expectRefusal(cli(["evaluate", file("{oops")]), ""));
  it("refuses an unreadable file", () => expectRefusal(cli(["evaluate", join(dir, "does-not-exist.json")]), ""));
  it("refuses an unknown jurisdiction", () => expectRefusal(cli(["evaluate", file(JSON.stringify({ ...snapshot, jurisdiction: "123456" }))]), "jurisdiction"));
  it("refuses a negative enrolment", () => expectRefusal(cli(["evaluate", file(JSON.stringify({ ...snapshot, classes: [{ type: "toddler", enrolled: -1 }] }))]), "classes[0].enrolled"));
  it("refuses an impossible --as-of", () => expectRefusal(cli(["evaluate", file(JSON.stringify(snapshot)), "--as-of", "2026-02-30"]), "asOf"));
  it("refuses local parameters without a reference", () =>
    expectRefusal(cli(["evaluate", file(JSON.stringify(snapshot)), "--parameters", file(JSON.stringify([{ parameter: "soe.exemption_years", jurisdiction: "659002", effectiveFrom: "2026-01-01", value: 8 }]))])));
  it("refuses an unknown command", () => expectRefusal(cli(["judge"])));
});

describe("npm run rules -- params", () => {
  it("prints the parameters in force for a jurisdiction", () => {
    const r = cli(["params", "--jurisdiction", "340321", "--as-of", "2026-03-01"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { parameters: { id: string; value: unknown }[] };
    expect(out.parameters.find((p) => p.id === "subsidy.operating.per_child_month_fen")?.value).toBe(20000);
  });

  it("refuses an unknown jurisdiction", () => expectRefusal(cli(["params", "--jurisdiction", "999999"]), "jurisdiction"));
});
