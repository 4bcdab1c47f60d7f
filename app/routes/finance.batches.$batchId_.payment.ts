// GET /finance/batches/$batchId/payment?format=csv|xlsx — the payment file of an approved or paid batch
// for the bank (columns documented in README "Payment file"; recoveries are negative). Finance officers in
// scope only; anything else is refused by the service (403), an unapproved batch is a 409. A resource
// route: a page route's loader cannot hand a file to a browser's document request.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { requireUser } from "../auth/session.server";
import { paymentFile, paymentRows } from "../services/subsidy.server";
import { guarded } from "../utils/http.server";

const TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  const format = new URL(request.url).searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  return guarded(async () => {
    const { batch, rows } = await paymentRows(await getDb(), actor, params.batchId ?? "");
    const bytes = await paymentFile(rows, format);
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        "Content-Type": TYPES[format],
        "Content-Length": String(bytes.byteLength),
        "Content-Disposition": `attachment; filename="subsidy-${batch.jurisdictionCode}-${batch.period}.${format}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
