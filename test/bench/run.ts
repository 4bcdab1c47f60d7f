// `npm run bench -- <name> [args]` runs test/bench/<name>.ts: its exported `main(args)` when it has
// one, otherwise whatever the module does on import.

import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [name, ...args] = process.argv.slice(2).filter((a) => a !== "--");

if (!name || !/^[a-z0-9-]+$/.test(name) || !existsSync(join(here, `${name}.ts`))) {
  process.stderr.write(`usage: npm run bench -- <name>  (a file test/bench/<name>.ts)\n`);
  process.exit(2);
}

const mod: unknown = await import(pathToFileURL(join(here, `${name}.ts`)).href);
if (typeof mod === "object" && mod !== null && "main" in mod && typeof mod.main === "function") {
  await (mod.main as (args: string[]) => Promise<void>)(args);
}
