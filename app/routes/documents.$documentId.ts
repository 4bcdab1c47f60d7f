// GET /documents/<id>: an uploaded proof's bytes, for the owning operator or a reviewer whose scope
// contains the facility (the service decides; anyone else gets 403). Always a download, never rendered
// inline: the stored type comes from sniffing the content at upload, and nosniff keeps browsers to it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../auth/session.server";
import { getDb } from "../../db/client";
import { langFromCookie, translator } from "../i18n/i18n";
import { ForbiddenError, NotFoundError } from "../services/errors";
import { readDocument } from "../services/facilities.server";

/** RFC 5987 / 6266 `filename*` value: UTF-8, percent-encoded, including the characters it reserves. */
function encodeFilename(name: string): string {
  return encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A plain-ASCII fallback name for clients that ignore `filename*`. */
function asciiFilename(name: string, mimeType: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[_.]+/, "");
  if (/[A-Za-z0-9]/.test(ascii.replace(/\.[A-Za-z0-9]+$/, ""))) return ascii.slice(-100);
  const extension = mimeType === "application/pdf" ? "pdf" : mimeType === "image/png" ? "png" : "jpg";
  return `document.${extension}`;
}

function errorText(request: Request, status: 403 | 404 | 500): Response {
  const t = translator(langFromCookie(request.headers.get("cookie")));
  const key = status === 403 ? "errors.forbiddenTitle" : status === 404 ? "errors.notFoundTitle" : "errors.title";
  return new Response(`${status} ${t(key)}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  try {
    const { doc, bytes } = await readDocument(await getDb(), actor, params.documentId ?? "");
    // a copy typed as ArrayBuffer-backed (Response's BodyInit); files are at most 10 MB
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        "Content-Type": doc.mimeType,
        "Content-Length": String(bytes.byteLength),
        "Content-Disposition": `attachment; filename="${asciiFilename(doc.originalName, doc.mimeType)}"; filename*=UTF-8''${encodeFilename(doc.originalName)}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return errorText(request, 403);
    if (error instanceof NotFoundError) return errorText(request, 404);
    // a damaged file or a storage failure: logged here, never shown to the client
    console.error("document download failed", error);
    return errorText(request, 500);
  }
}
