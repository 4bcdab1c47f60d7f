// GET /certificates/<id>.pdf — the printable document (certificate or letter), for the facility's
// operators and reviewers whose scope contains it (the service decides; anyone else gets 403). Shown
// inline so a browser opens it for printing. `?lang=en` prints the English rendering; the official one is
// Chinese.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { config } from "../config.server";
import { requireUser } from "../auth/session.server";
import { langFromCookie, translator } from "../i18n/i18n";
import { certificateFileName, certificateForDownload, renderCertificatePdf } from "../services/certificates.server";
import { ForbiddenError, NotFoundError } from "../services/errors";

/** RFC 5987 / 6266 `filename*` value: UTF-8, percent-encoded, including the characters it reserves. */
function encodeFilename(name: string): string {
  return encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
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
  const lang = new URL(request.url).searchParams.get("lang") === "en" ? "en" : "zh-CN";
  try {
    const { certificate, facilityName } = await certificateForDownload(await getDb(), actor, params.certificateId ?? "");
    const bytes = await renderCertificatePdf(certificate, facilityName, { publicBaseUrl: config().publicBaseUrl, lang });
    const ascii = `certificate-${certificate.number.replace(/[^A-Za-z0-9-]+/g, "_")}.pdf`;
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        "Content-Type": "application/pdf",
        "Content-Length": String(bytes.byteLength),
        "Content-Disposition": `inline; filename="${ascii}"; filename*=UTF-8''${encodeFilename(certificateFileName(certificate, lang))}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return errorText(request, 403);
    if (error instanceof NotFoundError) return errorText(request, 404);
    console.error("certificate PDF failed", error);
    return errorText(request, 500);
  }
}
