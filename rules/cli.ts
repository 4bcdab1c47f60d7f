// The command-line adapter — the one module in rules/ that reads files, stdin and the clock.
//   npm run rules -- evaluate <snapshot.json | -> [--as-of YYYY-MM-DD] [--parameters local.json]
//   npm run rules -- params --jurisdiction <code> [--as-of YYYY-MM-DD] [--parameters local.json]
//   npm run rules -- trace-clauses [--format markdown|json]
//   npm run rules -- release      (after changing rules/: new logic fingerprint + archived release, rules/archive.ts)
// trace-clauses reads the scenario files in test/rules/scenarios/ (relative to the working directory,
// the project root) with the scenario tests' own loader and prints the clause traceability table
// (rules/trace.ts); markdown by default — regenerate the checked-in copy with
// `npm run -s rules -- trace-clauses > rules/trace-clauses.md`.
// Output is JSON on stdout (trace-clauses: Markdown unless --format json). Refusals print
// `{ "errors": [...] }` (the HTTP 400 body) and exit 2; an internal failure prints a one-line error JSON
// and exits 1. Never a stack trace.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadScenarios, type Scenario } from "../test/rules/scenario-loader";
import type { InputError } from "./snapshot";
import { evaluateRequest, parametersRequest, parseLocalParameters } from "./request";
import type { ParameterValue } from "./engine/parameters";
import { buildClauseTrace, formatTraceMarkdown } from "./trace";

function todayInShanghai(): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function refuse(errors: InputError[]): number {
  print({ errors });
  return 2;
}

function usage(detail: string): number {
  return refuse([
    {
      path: "",
      message: {
        zh: `${detail}。用法：rules evaluate <快照.json | -> [--as-of YYYY-MM-DD] [--parameters 本地参数.json]；rules params --jurisdiction <代码> [--as-of YYYY-MM-DD]；rules trace-clauses [--format markdown|json]`,
        en: `${detail}. Usage: rules evaluate <snapshot.json | -> [--as-of YYYY-MM-DD] [--parameters local.json]; rules params --jurisdiction <code> [--as-of YYYY-MM-DD]; rules trace-clauses [--format markdown|json]`,
      },
    },
  ]);
}

function readText(path: string): { ok: true; text: string } | { ok: false; errors: InputError[] } {
  try {
    return { ok: true, text: readFileSync(path === "-" ? 0 : path, "utf8") };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = typeof code === "string" ? code : "unreadable";
    return { ok: false, errors: [{ path: "", message: { zh: `无法读取文件 ${path}（${reason}）`, en: `Cannot read ${path} (${reason})` } }] };
  }
}

function readLocalParameters(path: string | undefined): { ok: true; values?: ParameterValue[] } | { ok: false; errors: InputError[] } {
  if (path === undefined) return { ok: true };
  const read = readText(path);
  if (!read.ok) return read;
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch {
    return { ok: false, errors: [{ path: "parameters", message: { zh: `本地参数文件不是有效的 JSON：${path}`, en: `The local parameters file is not valid JSON: ${path}` } }] };
  }
  return parseLocalParameters(json);
}

type Args = { positional: string[]; options: Map<string, string> };

function parseArgs(argv: string[]): Args | string {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") continue;
    if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split("=", 2);
      const value = inline ?? argv[++i];
      if (value === undefined) return `--${name} needs a value`;
      options.set(name, value);
    } else positional.push(arg);
  }
  for (const name of options.keys()) if (!["as-of", "parameters", "jurisdiction", "format"].includes(name)) return `unknown option --${name}`;
  return { positional, options };
}

const SCENARIO_DIR = join("test", "rules", "scenarios");

function traceClausesCommand(format: string): number {
  if (format !== "markdown" && format !== "json") return usage(`unknown --format ${format} (markdown or json)`);
  const dir = join(process.cwd(), SCENARIO_DIR);
  let scenarios: Scenario[];
  try {
    scenarios = loadScenarios(dir);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return refuse([{ path: "", message: { zh: `无法读取情景文件 ${SCENARIO_DIR}（${detail}）；请在项目根目录运行`, en: `Cannot load the scenarios in ${SCENARIO_DIR} (${detail}); run from the project root` } }]);
  }
  let trace: ReturnType<typeof buildClauseTrace>;
  try {
    trace = buildClauseTrace(scenarios);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return refuse([{ path: "", message: { zh: `情景无法评估：${detail}`, en: `A scenario cannot be evaluated: ${detail}` } }]);
  }
  if (format === "json") print(trace);
  else process.stdout.write(formatTraceMarkdown(trace));
  return 0;
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  if (typeof args === "string") return usage(args);
  const [command, file] = args.positional;
  const format = args.options.get("format");
  if (command === "trace-clauses") {
    for (const name of args.options.keys()) if (name !== "format") return usage(`--${name} does not apply to trace-clauses`);
    return traceClausesCommand(format ?? "markdown");
  }
  if (format !== undefined) return usage("--format applies only to trace-clauses");
  const today = todayInShanghai();
  const asOf = args.options.get("as-of");
  const local = readLocalParameters(args.options.get("parameters"));
  if (!local.ok) return refuse(local.errors);
  if (command === "evaluate") {
    if (!file) return usage("missing snapshot file (or - for stdin)");
    const read = readText(file);
    if (!read.ok) return refuse(read.errors);
    const response = evaluateRequest(read.text, { today, asOf, localParameters: local.values });
    if (response.status === 400) return refuse(response.body.errors);
    print(response.body);
    return 0;
  }
  if (command === "params") {
    const response = parametersRequest(args.options.get("jurisdiction"), { today, asOf, localParameters: local.values });
    if (response.status === 400) return refuse(response.body.errors);
    print(response.body);
    return 0;
  }
  return usage(command ? `unknown command ${command}` : "missing command");
}

function internalError(error: unknown): void {
  const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
  process.stdout.write(`${JSON.stringify({ errors: [{ path: "", message: { zh: `内部错误：${detail}`, en: `Internal error: ${detail}` } }] })}\n`);
  process.exitCode = 1;
}

const argv = process.argv.slice(2).filter((a) => a !== "--");
if (argv[0] === "release") {
  // Development-time: fingerprint the rules' source, archive this rules version (rules/archive.ts).
  // Loaded only for this command, so the other commands never load the bundler.
  import("./archive")
    .then(({ release }) => release())
    .then((result) => print(result))
    .catch(internalError);
} else {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    internalError(error);
  }
}
