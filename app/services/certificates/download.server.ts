// Downloading a document's PDF (../certificates.server.ts): who may, what name it prints, and its file name.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { certificates, type CertificateRow } from "../../../db/schema";
import type { Actor } from "../../auth/session.server";
import { translator, type Lang } from "../../i18n/i18n";
import { isUuid } from "../../utils/ids";
import { NotFoundError } from "../errors";
import { loadFacility } from "../facilities.server";
import { printed } from "./payload.server";

/**
 * A document for its holder's operators or a reviewer whose scope contains the facility (else
 * ForbiddenError): the row and the facility name to print.
 */
export async function certificateForDownload(db: Db, actor: Actor, certificateId: string): Promise<{ certificate: CertificateRow; facilityName: string }> {
  if (!isUuid(certificateId)) throw new NotFoundError("certificate");
  const [certificate] = await db.select().from(certificates).where(eq(certificates.id, certificateId));
  if (!certificate) throw new NotFoundError("certificate");
  const facility = await loadFacility(db, actor, certificate.facilityId);
  return { certificate, facilityName: printed(certificate.payload).facilityName ?? facility.name };
}

/** The PDF's file name: `<title>-<number>.pdf`, e.g. 普惠性托育机构认定证书-怀远普惠〔2026〕3号.pdf. */
export function certificateFileName(cert: Pick<CertificateRow, "kind" | "number">, lang: Lang = "zh-CN"): string {
  const title = translator(lang)(`certificates.kinds.${cert.kind}`);
  return `${title}-${cert.number}.pdf`.replace(/[/\\:*?"<>|\r\n]+/g, "_");
}
