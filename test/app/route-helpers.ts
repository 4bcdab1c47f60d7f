// Calling Remix loaders and actions in-process, as a signed-in browser would.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { closeAppDb, setAppDb } from "../../db/client";
import type { TestDb } from "../db/harness";

export async function useAsAppDb(t: TestDb): Promise<void> {
  await closeAppDbQuietly();
  await setAppDb(async () => ({ ...t, close: async () => {} }));
}

export async function closeAppDbQuietly(): Promise<void> {
  await closeAppDb().catch(() => {});
}

export function routeRequest(path: string, options: { sessionId?: string; method?: string; form?: Record<string, string> } = {}): Request {
  const headers = new Headers({ "x-tuoyu-client-ip": "203.0.113.9", "user-agent": "vitest" });
  if (options.sessionId) headers.set("cookie", `tuoyu_session=${options.sessionId}`);
  const init: RequestInit = { method: options.method ?? (options.form ? "POST" : "GET"), headers };
  if (options.form) init.body = new URLSearchParams(options.form);
  return new Request(`http://localhost:3000${path}`, init);
}

/** The HTTP status of whatever a loader/action returned or threw (Response, data(), or a plain object = 200). */
export async function statusOf(run: () => Promise<unknown> | unknown): Promise<number> {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
    if (!(thrown instanceof Response) && !isDataWithInit(thrown)) throw thrown;
  }
  if (value instanceof Response) return value.status;
  if (isDataWithInit(value)) return value.init?.status ?? 200;
  return 200;
}

function isDataWithInit(value: unknown): value is { type: string; init: { status?: number } | null } {
  return typeof value === "object" && value !== null && "type" in value && (value as { type: unknown }).type === "DataWithResponseInit";
}

export type Loader = (args: LoaderFunctionArgs) => unknown;
export type Action = (args: ActionFunctionArgs) => unknown;

export function args(request: Request, params: Record<string, string> = {}) {
  return { request, params, context: {} } as LoaderFunctionArgs;
}
