// Cross-site request refusal (DESIGN.md "Sessions"): a state-changing request whose Origin (or, failing
// that, Referer) names another site is refused with 403, and so is a cookie-authenticated one that
// carries neither. The public API (/api/…) serves other systems, which send neither header.

export type OriginCheckInput = {
  method: string;
  pathname: string;
  host: string | undefined;
  origin: string | undefined;
  referer: string | undefined;
  hasSessionCookie: boolean;
  /** hosts besides the request's own that count as this site (PUBLIC_BASE_URL's) */
  extraHosts?: readonly string[];
};

export type OriginCheckResult = { ok: true } | { ok: false; reason: "cross_site" | "no_origin_with_cookie" };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function hostOf(value: string): string | null {
  try {
    return new URL(value).host.toLowerCase();
  } catch {
    return null;
  }
}

export function checkOrigin(input: OriginCheckInput): OriginCheckResult {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return { ok: true };
  const ownHosts = new Set([input.host?.toLowerCase(), ...(input.extraHosts ?? []).map((h) => h.toLowerCase())].filter(Boolean));
  const origin = input.origin && input.origin !== "null" ? input.origin : undefined;
  const claimed = origin ?? input.referer;
  const isApi = input.pathname.startsWith("/api/");
  if (claimed === undefined) {
    // "Origin: null" (sandboxed or privacy-stripped contexts) is treated as another site's
    if (input.origin === "null") return isApi && !input.hasSessionCookie ? { ok: true } : { ok: false, reason: "cross_site" };
    if (input.hasSessionCookie && !isApi) return { ok: false, reason: "no_origin_with_cookie" };
    return { ok: true };
  }
  const claimedHost = hostOf(claimed);
  if (claimedHost && ownHosts.has(claimedHost)) return { ok: true };
  // the public API may be called from other sites' pages, but never with our session cookie
  if (isApi && !input.hasSessionCookie) return { ok: true };
  return { ok: false, reason: "cross_site" };
}
