// One mechanism for every verifiable document — the inclusive certificate (普惠性托育机构认定证书), the
// utility price certificate (水电气热居民价格执行证明) and eligibility letters (政策享受资格告知书):
// a random verification code (DESIGN.md "Numbers and codes"), validity dates, a status that can be
// revoked or voided, a public check at /verify/<code>, and a printable PDF with a QR code.
//
// The services that decide (certification, utility requests…) call `issueCertificate` and
// `setCertificateStatus` inside their own transaction, so the document and the decision commit together.
//
// This module is the area's public API; each use case lives in ./certificates/:
// - payload.server.ts   the kinds and the payload convention (what is printed and published)
// - codes.server.ts     verification codes (and the demo world's fixed code source)
// - issue.server.ts     issuing a document
// - status.server.ts    revoking or voiding it, the public reason category, its state on a day
// - verify.server.ts    the public check of a code
// - download.server.ts  who may download the PDF, its file name
// - qr.server.ts        the verification address and its QR code
// - fonts.server.ts     the Noto Sans SC subsets
// - pdf.server.ts       the printable PDF
export { certificatePayloadSchema, type CertificateKind, type CertificateLine, type CertificatePayload } from "./certificates/payload.server";
export { CODE_ALPHABET, CODE_LENGTH, newVerificationCode, normaliseVerificationCode, setDemoCodeSource } from "./certificates/codes.server";
export { issueCertificate, type IssueCertificateInput } from "./certificates/issue.server";
export {
  CERTIFICATE_STATUS_REASONS,
  certificateState,
  publicReason,
  setCertificateStatus,
  type CertificateState,
  type CertificateStatusReason,
} from "./certificates/status.server";
export { verifyCertificate, type CertificateVerification } from "./certificates/verify.server";
export { certificateFileName, certificateForDownload } from "./certificates/download.server";
export { verificationQr, verificationUrl, type QrMatrix } from "./certificates/qr.server";
export { renderCertificatePdf, wrapText, type RenderOptions } from "./certificates/pdf.server";
