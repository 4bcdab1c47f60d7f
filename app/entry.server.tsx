import type { EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { setAppDb } from "../db/client";
import { bootDatabase } from "./server/boot.server";
import { withoutNulBytes } from "./utils/stream.server";

// The server entry (app/server/start.ts) has normally opened the database already; under
// `remix vite:dev` this is the first place that runs, so it opens it here with the same boot.
void setAppDb(() => bootDatabase()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
});

const ABORT_DELAY = 5_000;

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  const bot = isbot(request.headers.get("user-agent") || "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />, {
      [bot ? "onAllReady" : "onShellReady"]() {
        shellRendered = true;
        // see utils/stream.server.ts: React 18 can emit NUL bytes inside multi-byte text
        const body = withoutNulBytes();
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}

// Errors are logged on the server; users see the localized error page, never a stack trace.
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (error instanceof Response) return;
  console.error(error);
}
