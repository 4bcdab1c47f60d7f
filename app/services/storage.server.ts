// Uploaded proofs (DESIGN.md "Files"): PDF/JPEG/PNG, at most 10 MB, the type sniffed from the content,
// stored by SHA-256. Storage sits behind `FileStorage` so a shared volume or an object store can replace
// the local disk when app servers scale out; content addressing makes a put idempotent on any backend.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { config } from "../config.server";

export type FileStorage = {
  put(bytes: Uint8Array): Promise<{ sha256: string; sizeBytes: number }>;
  get(sha256: string): Promise<Uint8Array | null>;
  has(sha256: string): Promise<boolean>;
};

export type DocumentMimeType = "application/pdf" | "image/jpeg" | "image/png";
export type UploadError = "upload.empty" | "upload.tooLarge" | "upload.badType";

/** Also the `documents_size_limit` check constraint (db/schema/documents.ts). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Files at `root/ab/cd/<sha256>`: two directory levels keep any one directory small at millions of
 * files. Each write goes to a temporary file in the target directory, is flushed, then renamed into
 * place — a reader (or a crash) never sees half a file, and two servers storing the same bytes at once
 * both end with the one complete copy.
 */
export function localDiskStorage(root: string): FileStorage {
  function pathOf(sha256: string): string {
    return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async function has(sha256: string): Promise<boolean> {
    // the hash becomes a path: anything but 64 hex characters could climb out of root
    if (!SHA256_HEX.test(sha256)) return false;
    try {
      return (await stat(pathOf(sha256))).isFile();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  return {
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      const sizeBytes = bytes.byteLength;
      if (await has(sha256)) return { sha256, sizeBytes };
      const target = pathOf(sha256);
      const dir = join(root, sha256.slice(0, 2), sha256.slice(2, 4));
      await mkdir(dir, { recursive: true });
      const temp = join(dir, `.${sha256}.${randomBytes(6).toString("hex")}.tmp`);
      try {
        const handle = await open(temp, "wx", 0o640);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, target);
      } catch (error) {
        await unlink(temp).catch(() => {});
        throw error;
      }
      return { sha256, sizeBytes };
    },

    async get(sha256) {
      if (!SHA256_HEX.test(sha256)) return null;
      let bytes: Buffer;
      try {
        bytes = await readFile(pathOf(sha256));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
      // a proof must be what was uploaded: a damaged or swapped file is an error, not a silent download
      if (sha256Hex(bytes) !== sha256) throw new Error(`stored file ${sha256} does not match its SHA-256`);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },

    has,
  };
}

function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT";
}

let defaultInstance: { root: string; storage: FileStorage } | null = null;

/** Local disk under UPLOAD_DIR (default DATA_DIR/uploads). */
export function defaultStorage(): FileStorage {
  const root = config().uploadDir;
  if (defaultInstance?.root !== root) defaultInstance = { root, storage: localDiskStorage(root) };
  return defaultInstance.storage;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.byteLength < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The type from the file's first bytes. The file name and the browser's Content-Type are whatever the
 * sender chose, so neither is consulted. PDF readers tolerate junk before `%PDF-`; we do not, so a file
 * that is something else with a PDF inside is refused.
 */
export function sniffDocumentType(bytes: Uint8Array): DocumentMimeType | null {
  if (startsWith(bytes, PDF)) return "application/pdf";
  if (startsWith(bytes, JPEG)) return "image/jpeg";
  if (startsWith(bytes, PNG)) return "image/png";
  return null;
}

/**
 * Whether an upload may be stored; errors are i18n keys. The original name is accepted for the record
 * (documents.original_name) but deliberately plays no part in the decision.
 */
export function checkUpload(
  bytes: Uint8Array,
  _originalName: string,
): { ok: true; mimeType: DocumentMimeType } | { ok: false; error: UploadError } {
  if (bytes.byteLength === 0) return { ok: false, error: "upload.empty" };
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { ok: false, error: "upload.tooLarge" };
  const mimeType = sniffDocumentType(bytes);
  if (!mimeType) return { ok: false, error: "upload.badType" };
  return { ok: true, mimeType };
}

/**
 * A file name fit to store and to echo in a Content-Disposition: no directories, no control characters,
 * at most 200 characters, never empty.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return clean || "upload";
}

// Form fields around the file are small; a body far beyond one file is refused before it is read.
const MAX_FORM_OVERHEAD_BYTES = 1024 * 1024;

export type UploadedFile =
  | { ok: true; bytes: Uint8Array; name: string; mimeType: DocumentMimeType; fields: FormData }
  | { ok: false; error: UploadError; fields: FormData | null };

/**
 * Parses a multipart form with the file in `field` (the first one when several were sent). Every part is
 * held in memory up to MAX_UPLOAD_BYTES + 1 bytes, so a larger file stops the parse as "too large"
 * instead of being buffered whole. When no file was chosen the error is "upload.empty" and `fields` is
 * still there, for forms where the file is optional. A body that is not a readable multipart form also
 * reads as "upload.empty": a browser form posting with enctype="multipart/form-data" never sends one.
 */
export async function readUploadedFile(request: Request, field: string): Promise<UploadedFile> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES + MAX_FORM_OVERHEAD_BYTES) {
    return { ok: false, error: "upload.tooLarge", fields: null };
  }
  let fields: FormData;
  try {
    fields = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES + 1 }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, error: "upload.tooLarge", fields: null };
    return { ok: false, error: "upload.empty", fields: null };
  }
  const file = fields.get(field);
  if (!file || typeof file === "string") return { ok: false, error: "upload.empty", fields };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const check = checkUpload(bytes, file.name);
  if (!check.ok) return { ok: false, error: check.error, fields };
  return { ok: true, bytes, name: cleanFileName(file.name), mimeType: check.mimeType, fields };
}
