// Labels repeated down long tables. Two costs add up there: i18next's t() takes tens of microseconds a
// call (it copies its options each time), and react-i18next's useTranslation() builds a wrapper of the
// i18n instance for every component that calls it — a badge component in each of 500 rows paid both.
// `useLabel()` reads the instance from the provider's context (no wrapper), translates each distinct key
// once per instance and language (one instance per request on the server, one per language in the
// browser) and serves repeats from a map. Plain keys only: no interpolation.
import type { i18n as I18n } from "i18next";
import { useContext } from "react";
import { I18nContext } from "react-i18next";

const caches = new WeakMap<I18n, Map<string, string>>();

export function useLabel(): (key: string) => string {
  const i18n = useContext(I18nContext)?.i18n;
  if (!i18n) throw new Error("useLabel needs the I18nextProvider of app/root.tsx");
  let cache = caches.get(i18n);
  if (!cache) {
    cache = new Map();
    caches.set(i18n, cache);
  }
  const labels = cache;
  const lang = i18n.language;
  return (key) => {
    const k = `${lang}\u0000${key}`;
    let label = labels.get(k);
    if (label === undefined) {
      label = String(i18n.t(key));
      labels.set(k, label);
    }
    return label;
  };
}
