import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LANG, type Lang } from "./i18n";

/** The page's language, from the root loader. */
export function useLang(): Lang {
  return useRouteLoaderData<{ lang: Lang }>("root")?.lang ?? DEFAULT_LANG;
}
