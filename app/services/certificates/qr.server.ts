// The QR code printed on a document (../certificates.server.ts): the verification address it encodes and
// its module matrix.
import QRCode from "qrcode";

export function verificationUrl(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}/verify/${code}`;
}

export type QrMatrix = { size: number; isDark: (row: number, col: number) => boolean };

/** The QR symbol printed on a document (error correction M: survives a crease or a stamp's edge). */
export function verificationQr(url: string): QrMatrix {
  const qr = QRCode.create(url, { errorCorrectionLevel: "M" });
  return { size: qr.modules.size, isDark: (row, col) => qr.modules.get(row, col) === 1 };
}
