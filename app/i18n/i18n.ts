// i18next with both languages bundled (they are small); zh-CN is the default, the choice is remembered
// in the `lang` cookie. Server and browser build the same instance from the root loader's `lang`.
import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { zhCN } from "./zh-CN";
import { en } from "./en";

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
export type Messages = DeepStrings<typeof zhCN>;

export const LANGS = ["zh-CN", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "zh-CN";
export const LANG_COOKIE = "lang";

export const resources = { "zh-CN": { translation: zhCN }, en: { translation: en } } as const;

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

export function langFromCookie(cookieHeader: string | null): Lang {
  if (!cookieHeader) return DEFAULT_LANG;
  for (const part of cookieHeader.split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === LANG_COOKIE && isLang(decodeURIComponent(value ?? ""))) return decodeURIComponent(value ?? "") as Lang;
  }
  return DEFAULT_LANG;
}

export function createI18n(lang: Lang): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: lang,
    fallbackLng: DEFAULT_LANG,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    nsSeparator: false, // permission strings contain ":"
  });
  return instance;
}

const translators = new Map<Lang, I18n>();

/** A translator for text outside React (page titles, API error bodies). */
export function translator(lang: Lang): (key: string, vars?: Record<string, unknown>) => string {
  let instance = translators.get(lang);
  if (!instance) {
    instance = createI18n(lang);
    translators.set(lang, instance);
  }
  const i = instance;
  return (key, vars) => i.t(key, vars ?? {});
}

/** `meta` for a page: "<page title> · <app name>" in the language of the root loader. */
export function titleMeta(key: string) {
  return ({ matches }: { matches: ReadonlyArray<{ id: string; data: unknown } | undefined> }) => {
    const root = matches.find((m) => m?.id === "root")?.data;
    const lang = root && typeof root === "object" && "lang" in root && isLang(root.lang) ? root.lang : DEFAULT_LANG;
    const t = translator(lang);
    return [{ title: `${t(key)} · ${t("app.name")}` }];
  };
}
