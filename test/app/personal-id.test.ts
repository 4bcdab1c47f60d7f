import { describe, expect, it } from "vitest";
import { decryptIdNumber, encryptIdNumber, IdNumberDecryptionError, idNumberHmac } from "../../app/utils/personal-id.server";
import { maskedFromParts, maskIdNumber } from "../../app/utils/mask";
import { isValidResidentId } from "../../rules/identifiers";

const KEY = "0f".repeat(32);
const OTHER_KEY = "a1".repeat(32);
const ID = "11010519491231002X"; // DOMAIN.md example, valid check character

function decryptError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return null;
}

// The first character: every one of its 6 bits is significant (the last may carry only padding bits,
// so changing it can leave the decoded bytes as they were).
function flipFirstChar(b64url: string): string {
  const first = b64url.at(0) === "A" ? "B" : "A";
  return first + b64url.slice(1);
}

describe("resident ID numbers at rest", () => {
  it("the example number is a valid resident ID (sanity)", () => {
    expect(isValidResidentId(ID)).toBe(true);
  });

  it("round-trips through encryption, stored upper-case", () => {
    expect(decryptIdNumber(encryptIdNumber(ID, KEY), KEY)).toBe(ID);
    expect(decryptIdNumber(encryptIdNumber(" 11010519491231002x ", KEY), KEY)).toBe(ID);
  });

  it("has the v1:<iv>:<tag>:<ciphertext> shape with a 12-byte IV and 16-byte tag", () => {
    const token = encryptIdNumber(ID, KEY);
    const [version, iv, tag, data] = token.split(":");
    expect(version).toBe("v1");
    expect(Buffer.from(iv, "base64url")).toHaveLength(12);
    expect(Buffer.from(tag, "base64url")).toHaveLength(16);
    expect(Buffer.from(data, "base64url")).toHaveLength(18);
    expect(token).toMatch(/^v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
  });

  it("the ciphertext contains neither the number nor a run of its digits", () => {
    const token = encryptIdNumber(ID, KEY);
    expect(token).not.toContain(ID);
    expect(token).not.toContain(ID.slice(0, 6));
    expect(token).not.toContain("19491231"); // the birth date
    expect(token).not.toContain(ID.slice(-6));
  });

  it("two encryptions of the same number differ (random IV)", () => {
    const a = encryptIdNumber(ID, KEY);
    const b = encryptIdNumber(ID, KEY);
    expect(a).not.toBe(b);
    expect(a.split(":")[1]).not.toBe(b.split(":")[1]);
  });

  it("a wrong key fails with a typed error that carries no plaintext", () => {
    const error = decryptError(() => decryptIdNumber(encryptIdNumber(ID, KEY), OTHER_KEY));
    expect(error).toBeInstanceOf(IdNumberDecryptionError);
    expect((error as IdNumberDecryptionError).reason).toBe("authentication");
    expect(String((error as Error).message)).not.toContain("1101");
  });

  it("a tampered tag, ciphertext or IV fails", () => {
    const [v, iv, tag, data] = encryptIdNumber(ID, KEY).split(":");
    for (const token of [
      [v, iv, flipFirstChar(tag), data].join(":"),
      [v, iv, tag, flipFirstChar(data)].join(":"),
      [v, flipFirstChar(iv), tag, data].join(":"),
    ]) {
      expect(decryptError(() => decryptIdNumber(token, KEY))).toBeInstanceOf(IdNumberDecryptionError);
    }
  });

  it("a malformed token fails as malformed (wrong version, truncated tag, missing parts)", () => {
    const [, iv, tag, data] = encryptIdNumber(ID, KEY).split(":");
    for (const token of ["", ID, ["v2", iv, tag, data].join(":"), ["v1", iv, tag.slice(0, 8), data].join(":"), ["v1", iv, tag].join(":")]) {
      const error = decryptError(() => decryptIdNumber(token, KEY));
      expect(error).toBeInstanceOf(IdNumberDecryptionError);
      expect((error as IdNumberDecryptionError).reason).toBe("malformed");
    }
  });

  it("refuses a key that is not 64 hex characters instead of using part of it", () => {
    expect(() => encryptIdNumber(ID, "zz".repeat(32))).toThrow(TypeError);
    expect(() => encryptIdNumber(ID, "0f".repeat(16))).toThrow(TypeError);
  });

  it("the HMAC is stable, ignores the case of x, and depends on the key", () => {
    const h = idNumberHmac(ID, KEY);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(idNumberHmac("11010519491231002x", KEY)).toBe(h);
    expect(idNumberHmac("110105194912310011", KEY)).not.toBe(h);
    expect(idNumberHmac(ID, OTHER_KEY)).not.toBe(h);
  });

  it("the HMAC key is derived, not the data key itself", async () => {
    const { createHmac } = await import("node:crypto");
    const withRawKey = createHmac("sha256", Buffer.from(KEY, "hex")).update(ID).digest("hex");
    expect(idNumberHmac(ID, KEY)).not.toBe(withRawKey);
  });

  it("uses the configured key by default", () => {
    expect(decryptIdNumber(encryptIdNumber(ID))).toBe(ID);
    expect(idNumberHmac(ID)).toBe(idNumberHmac(ID));
  });
});

describe("masked ID numbers", () => {
  it("shows the first 4 and last 4 with 10 stars between", () => {
    expect(maskIdNumber("340302199001011234")).toBe("3403**********1234");
    expect(maskIdNumber("11010519491231002x")).toBe("1101**********002X");
  });

  it("never shows a short value", () => {
    expect(maskIdNumber("12345678")).toBe("********");
    expect(maskIdNumber("")).toBe("");
  });

  it("builds the same mask from stored parts", () => {
    expect(maskedFromParts("3401", "1234")).toBe("3401**********1234");
    expect(maskedFromParts("1101", "002x")).toBe(maskIdNumber(ID));
  });
});
