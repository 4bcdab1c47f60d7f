import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useNavigation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { getActor } from "./auth/session.server";
import { AppShell, type ShellUser } from "./components/layout";
import { createI18n, DEFAULT_LANG, langFromCookie, titleMeta, type Lang } from "./i18n/i18n";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: "/app.css" },
  // the rules checklist is used across audiences
  { rel: "stylesheet", href: "/policies.css" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = langFromCookie(request.headers.get("cookie"));
  const actor = await getActor(request);
  const user: ShellUser | null = actor ? { displayName: actor.displayName, username: actor.username, roles: actor.roles } : null;
  return { lang, user };
}

export const meta = titleMeta("app.tagline");

type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const lang: Lang = data?.lang ?? DEFAULT_LANG;
  const i18n = useMemo(() => createI18n(lang), [lang]);
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          <AppShell user={data?.user ?? null} lang={lang}>
            {children}
          </AppShell>
        </I18nextProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  const navigation = useNavigation();
  const { t } = useTranslation();
  return (
    <>
      {navigation.state === "loading" ? (
        <div className="loading-bar" role="progressbar" aria-label={t("app.loading")} />
      ) : null}
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

/** The localized error page: 403 names what is missing, 404 says so, anything else stays generic. */
export function ErrorPage() {
  const error = useRouteError();
  const { t, i18n } = useTranslation();
  let title = t("errors.title");
  let body = t("errors.generic");
  if (isRouteErrorResponse(error)) {
    const payload: unknown = error.data;
    if (error.status === 403) {
      title = t("errors.forbiddenTitle");
      const missing = typeof payload === "object" && payload && "missing" in payload ? String(payload.missing) : "";
      const reason = typeof payload === "object" && payload && "reason" in payload ? String(payload.reason) : "permission";
      // a refusal that is a rule rather than a missing permission (e.g. four eyes) carries its own message key
      const ruleMessage = !missing.includes(":") && i18n.exists(missing) ? t(missing) : null;
      body =
        ruleMessage ??
        (reason === "scope"
          ? t("errors.forbiddenScope")
          : t("errors.forbiddenPermission", { permission: `${t(`permissions.${missing}`, { defaultValue: missing })}（${missing}）` }));
    } else if (error.status === 409) {
      // a conflict (the record's state does not allow it) says which, in the user's language
      const key = typeof payload === "object" && payload && "messageKey" in payload ? String(payload.messageKey) : "";
      if (key && i18n.exists(key)) body = t(key);
    } else if (error.status === 404) {
      title = t("errors.notFoundTitle");
      body = t("errors.notFound");
    }
  }
  return (
    <section className="card error-page" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p>{body}</p>
      <p>
        <Link to="/" className="button">
          {t("errors.backHome")}
        </Link>
      </p>
    </section>
  );
}
