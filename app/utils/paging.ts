/** The `page` search parameter as a positive integer (1 when absent or malformed). */
export function pageParam(url: URL): number {
  const n = Number.parseInt(url.searchParams.get("page") ?? "1", 10);
  return Number.isFinite(n) && n >= 1 && n <= 100_000 ? n : 1;
}
