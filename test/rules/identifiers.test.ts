import { describe, expect, it } from "vitest";
import { isUsccShape, isValidResidentId, isValidUscc, normaliseResidentId, residentIdCheckCharacter, usccCheckCharacter } from "../../rules/identifiers";

describe("unified social credit code (GB 32100-2015)", () => {
  it.each(["91310000631696382C", "91320594670131819W", "91440300MA5G21P972"])("accepts %s", (code) => {
    expect(isValidUscc(code)).toBe(true);
    expect(usccCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it("refuses a wrong check character, a letter outside the alphabet, lower case and the wrong length", () => {
    expect(isValidUscc("91310000631696382D")).toBe(false);
    expect(isValidUscc("9131000063169638IC")).toBe(false);
    expect(isValidUscc("91310000631696382c")).toBe(false);
    expect(isValidUscc("91310000631696382")).toBe(false);
  });

  it("separates shape from check character", () => {
    expect(isUsccShape("91310000631696382D")).toBe(true);
    expect(isUsccShape("91310000631696382O")).toBe(false);
  });
});

describe("resident ID number (GB 11643-1999)", () => {
  it("accepts 11010519491231002X, with an upper- or lower-case x", () => {
    expect(isValidResidentId("11010519491231002X")).toBe(true);
    expect(isValidResidentId("11010519491231002x")).toBe(true);
    expect(normaliseResidentId(" 11010519491231002x ")).toBe("11010519491231002X");
    expect(residentIdCheckCharacter("11010519491231002")).toBe("X");
  });

  it("refuses a wrong check digit and an impossible birth date", () => {
    expect(isValidResidentId("110105194912310021")).toBe(false);
    const first17 = "11010519490230002";
    expect(isValidResidentId(`${first17}${residentIdCheckCharacter(first17)}`)).toBe(false);
  });
});
