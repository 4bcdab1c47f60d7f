import { describe, expect, it } from "vitest";
import { checkOrigin, type OriginCheckInput } from "../../app/server/security";

const base: OriginCheckInput = { method: "POST", pathname: "/login", host: "localhost:3000", origin: undefined, referer: undefined, hasSessionCookie: false };

describe("cross-site request refusal", () => {
  it("accepts a same-origin POST", () => {
    expect(checkOrigin({ ...base, origin: "http://localhost:3000" })).toEqual({ ok: true });
  });
  it("refuses a POST whose Origin is another site's", () => {
    expect(checkOrigin({ ...base, origin: "https://evil.example" })).toEqual({ ok: false, reason: "cross_site" });
  });
  it("falls back to Referer when Origin is absent", () => {
    expect(checkOrigin({ ...base, referer: "https://evil.example/page" })).toEqual({ ok: false, reason: "cross_site" });
    expect(checkOrigin({ ...base, referer: "http://localhost:3000/login" })).toEqual({ ok: true });
  });
  it("refuses a cookie-authenticated form post with neither header", () => {
    expect(checkOrigin({ ...base, pathname: "/admin/users/new", hasSessionCookie: true })).toEqual({ ok: false, reason: "no_origin_with_cookie" });
  });
  it("refuses Origin: null", () => {
    expect(checkOrigin({ ...base, origin: "null" })).toEqual({ ok: false, reason: "cross_site" });
  });
  it("lets other systems call the public API without Origin or Referer", () => {
    expect(checkOrigin({ ...base, pathname: "/api/rules/evaluate" })).toEqual({ ok: true });
    expect(checkOrigin({ ...base, pathname: "/api/rules/evaluate", origin: "https://other.example" })).toEqual({ ok: true });
  });
  it("never lets another site use the session cookie on the API", () => {
    expect(checkOrigin({ ...base, pathname: "/api/rules/evaluate", origin: "https://evil.example", hasSessionCookie: true })).toEqual({ ok: false, reason: "cross_site" });
  });
  it("ignores safe methods", () => {
    expect(checkOrigin({ ...base, method: "GET", origin: "https://evil.example", hasSessionCookie: true })).toEqual({ ok: true });
  });
  it("accepts the public base URL's host behind a proxy", () => {
    expect(checkOrigin({ ...base, host: "10.0.0.5:3000", origin: "https://tuoyu.example.gov.cn", extraHosts: ["tuoyu.example.gov.cn"] })).toEqual({ ok: true });
  });
});
