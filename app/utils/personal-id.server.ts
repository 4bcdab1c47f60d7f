// Resident ID numbers at rest (DESIGN.md "Personal data", DOMAIN.md "Identifiers"): AES-256-GCM with
// DATA_ENCRYPTION_KEY, and a keyed HMAC so "is this person already on a roster" is an indexed equality
// lookup that never decrypts. Both work on the normalised number (upper-case X), so 11010519491231002x
// and …002X are the same person.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { config } from "../config.server";
import { normaliseResidentId } from "../../rules/identifiers";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Binds ciphertexts to their purpose: a token lifted from another encrypted column will not decrypt here.
const AAD = Buffer.from("tuoyu:resident-id:v1");
// HKDF info: the HMAC key is derived, never the data key itself, so a leaked HMAC key (e.g. from a
// reporting replica) does not decrypt anything.
const HMAC_INFO = "tuoyu:resident-id:hmac:v1";

/** Decryption failed: malformed token, wrong key or tampered data. Never carries any plaintext. */
export class IdNumberDecryptionError extends Error {
  constructor(readonly reason: "malformed" | "authentication") {
    super(`resident ID number could not be decrypted (${reason})`);
    this.name = "IdNumberDecryptionError";
  }
}

function keyBytes(keyHex: string): Buffer {
  // Buffer.from(hex) silently stops at the first bad character; a short key must be an error instead
  if (!/^[0-9a-f]{64}$/i.test(keyHex)) throw new TypeError("the data encryption key must be 64 hex characters");
  return Buffer.from(keyHex, "hex");
}

/** `v1:<iv>:<tag>:<ciphertext>` (base64url), a fresh random IV each time. */
export function encryptIdNumber(plain: string, keyHex: string = config().dataEncryptionKey): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyBytes(keyHex), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(AAD);
  const ciphertext = Buffer.concat([cipher.update(normaliseResidentId(plain), "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(":");
}

export function decryptIdNumber(token: string, keyHex: string = config().dataEncryptionKey): string {
  const key = keyBytes(keyHex);
  const parts = token.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new IdNumberDecryptionError("malformed");
  const [, ivText, tagText, dataText] = parts;
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  const data = Buffer.from(dataText, "base64url");
  // a short tag would weaken GCM's authentication: accept exactly what encrypt writes
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES || data.length === 0) throw new IdNumberDecryptionError("malformed");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(AAD);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    throw new IdNumberDecryptionError("authentication");
  }
}

// hkdfSync per call would dominate a 1,000-row roster import; the key rarely changes in a process
let derived: { keyHex: string; hmacKey: Buffer } | null = null;

function hmacKeyFor(keyHex: string): Buffer {
  if (derived?.keyHex !== keyHex) {
    derived = { keyHex, hmacKey: Buffer.from(hkdfSync("sha256", keyBytes(keyHex), Buffer.alloc(0), HMAC_INFO, 32)) };
  }
  return derived.hmacKey;
}

/** HMAC-SHA256 (hex) of the normalised number under a key derived from the data key: for duplicate lookup. */
export function idNumberHmac(plain: string, keyHex: string = config().dataEncryptionKey): string {
  return createHmac("sha256", hmacKeyFor(keyHex)).update(normaliseResidentId(plain), "utf8").digest("hex");
}
