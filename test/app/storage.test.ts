import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkUpload,
  cleanFileName,
  defaultStorage,
  localDiskStorage,
  MAX_UPLOAD_BYTES,
  readUploadedFile,
  sha256Hex,
  sniffDocumentType,
} from "../../app/services/storage.server";

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
const HTML = new TextEncoder().encode("<html><script>alert(1)</script></html>");

function padded(head: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set(head);
  return bytes;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe("file type sniffing", () => {
  it("recognises PDF, JPEG and PNG by their first bytes", () => {
    expect(sniffDocumentType(PDF)).toBe("application/pdf");
    expect(sniffDocumentType(JPEG)).toBe("image/jpeg");
    expect(sniffDocumentType(PNG)).toBe("image/png");
  });

  it("refuses other content, truncated magic numbers and a PDF hidden after junk", () => {
    expect(sniffDocumentType(HTML)).toBeNull();
    expect(sniffDocumentType(new Uint8Array())).toBeNull();
    expect(sniffDocumentType(Uint8Array.from([0xff, 0xd8]))).toBeNull();
    expect(sniffDocumentType(PNG.slice(0, 7))).toBeNull();
    expect(sniffDocumentType(new TextEncoder().encode("%PDF"))).toBeNull();
    expect(sniffDocumentType(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(sniffDocumentType(new TextEncoder().encode("junk%PDF-1.4"))).toBeNull();
  });
});

describe("upload checks", () => {
  it("accepts a PDF whatever its name claims", () => {
    expect(checkUpload(PDF, "photo.jpg")).toEqual({ ok: true, mimeType: "application/pdf" });
  });

  it("refuses HTML named .pdf (the name is never trusted)", () => {
    expect(checkUpload(HTML, "licence.pdf")).toEqual({ ok: false, error: "upload.badType" });
  });

  it("refuses an empty file", () => {
    expect(checkUpload(new Uint8Array(), "x.pdf")).toEqual({ ok: false, error: "upload.empty" });
  });

  it("accepts exactly 10 MB and refuses one byte more", () => {
    expect(checkUpload(padded(PDF, MAX_UPLOAD_BYTES), "big.pdf")).toEqual({ ok: true, mimeType: "application/pdf" });
    expect(checkUpload(padded(PDF, MAX_UPLOAD_BYTES + 1), "big.pdf")).toEqual({ ok: false, error: "upload.tooLarge" });
  });

  it("cleans a file name for storage", () => {
    expect(cleanFileName("C:\\Users\\张三\\营业执照.pdf")).toBe("营业执照.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("a\r\nb.pdf")).toBe("ab.pdf");
    expect(cleanFileName("   ")).toBe("upload");
    expect(cleanFileName("x".repeat(300))).toHaveLength(200);
  });
});

describe("local disk storage", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "tuoyu-storage-"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("stores bytes under root/ab/cd/<sha256> and reads them back", async () => {
    const storage = localDiskStorage(root);
    const { sha256, sizeBytes } = await storage.put(PDF);
    expect(sha256).toBe(sha256Hex(PDF));
    expect(sizeBytes).toBe(PDF.byteLength);
    expect(await readFile(join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256))).toEqual(Buffer.from(PDF));
    expect(await storage.has(sha256)).toBe(true);
    expect(await storage.get(sha256)).toEqual(PDF);
  });

  it("stores identical content once and leaves no temporary files", async () => {
    const storage = localDiskStorage(root);
    const results = await Promise.all([storage.put(PNG), storage.put(PNG), storage.put(Uint8Array.from(PNG))]);
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
    const files = await listFiles(root);
    expect(files.filter((f) => f.endsWith(results[0].sha256))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith(".tmp"))).toHaveLength(0);
  });

  it("answers null / false for unknown content", async () => {
    const storage = localDiskStorage(root);
    const unknown = sha256Hex(new TextEncoder().encode("never stored"));
    expect(await storage.get(unknown)).toBeNull();
    expect(await storage.has(unknown)).toBe(false);
  });

  it("never turns a malformed hash into a path outside the root", async () => {
    const storage = localDiskStorage(root);
    await writeFile(join(root, "secret"), "x");
    for (const bad of ["../secret", "secret", "A".repeat(64), `${"a".repeat(63)}/`, ""]) {
      expect(await storage.get(bad)).toBeNull();
      expect(await storage.has(bad)).toBe(false);
    }
  });

  it("refuses to serve a stored file whose content no longer matches its hash", async () => {
    const storage = localDiskStorage(root);
    const { sha256 } = await storage.put(JPEG);
    await writeFile(join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256), HTML);
    await expect(storage.get(sha256)).rejects.toThrow(/does not match/);
  });

  it("the default storage is one memoised instance", () => {
    expect(defaultStorage()).toBe(defaultStorage());
  });
});

function multipart(parts: Record<string, string | Blob | [Blob, string]>): Request {
  const form = new FormData();
  for (const [name, value] of Object.entries(parts)) {
    if (Array.isArray(value)) form.append(name, value[0], value[1]);
    else form.append(name, value);
  }
  return new Request("http://localhost:3000/operator/documents", { method: "POST", body: form });
}

describe("reading an uploaded file from a multipart request", () => {
  it("returns the bytes, the cleaned name, the sniffed type and the other fields", async () => {
    const result = await readUploadedFile(
      multipart({ kind: "business_licence", file: [new Blob([PDF], { type: "image/png" }), "营业执照.pdf"] }),
      "file",
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.bytes).toEqual(PDF);
    expect(result.name).toBe("营业执照.pdf");
    expect(result.mimeType).toBe("application/pdf"); // not the browser's claimed image/png
    expect(result.fields.get("kind")).toBe("business_licence");
  });

  it("no file chosen → upload.empty, the fields still available", async () => {
    // what a browser sends for an empty <input type=file>: a part with an empty name and no bytes
    const result = await readUploadedFile(multipart({ kind: "other", file: [new Blob([]), ""] }), "file");
    expect(result).toMatchObject({ ok: false, error: "upload.empty" });
    expect(result.fields?.get("kind")).toBe("other");
    const missing = await readUploadedFile(multipart({ kind: "other" }), "file");
    expect(missing).toMatchObject({ ok: false, error: "upload.empty" });
  });

  it("a text value in the file field is not a file", async () => {
    expect(await readUploadedFile(multipart({ file: "%PDF-1.7" }), "file")).toMatchObject({ ok: false, error: "upload.empty" });
  });

  it("HTML named .pdf → upload.badType", async () => {
    const result = await readUploadedFile(multipart({ file: [new Blob([HTML], { type: "application/pdf" }), "x.pdf"] }), "file");
    expect(result).toMatchObject({ ok: false, error: "upload.badType" });
  });

  it("exactly 10 MB is accepted; more → upload.tooLarge without buffering the rest", async () => {
    const ok = await readUploadedFile(multipart({ file: [new Blob([padded(PDF, MAX_UPLOAD_BYTES)]), "big.pdf"] }), "file");
    expect(ok.ok).toBe(true);
    const justOver = await readUploadedFile(multipart({ file: [new Blob([padded(PDF, MAX_UPLOAD_BYTES + 1)]), "big.pdf"] }), "file");
    expect(justOver).toMatchObject({ ok: false, error: "upload.tooLarge" });
    const wayOver = await readUploadedFile(multipart({ file: [new Blob([padded(PDF, MAX_UPLOAD_BYTES + 500_000)]), "big.pdf"] }), "file");
    expect(wayOver).toMatchObject({ ok: false, error: "upload.tooLarge" });
  });

  it("a declared body far beyond the limit is refused before it is read", async () => {
    const request = new Request("http://localhost:3000/x", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(MAX_UPLOAD_BYTES * 3) },
      body: "--x--\r\n",
    });
    expect(await readUploadedFile(request, "file")).toMatchObject({ ok: false, error: "upload.tooLarge" });
    expect(request.bodyUsed).toBe(false);
  });

  it("a body that is not multipart → upload.empty", async () => {
    const request = new Request("http://localhost:3000/x", { method: "POST", body: new URLSearchParams({ file: "x" }) });
    expect(await readUploadedFile(request, "file")).toEqual({ ok: false, error: "upload.empty", fields: null });
  });
});
