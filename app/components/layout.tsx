import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "../../db/schema/enums";
import { ROLE_HOME } from "../auth/permissions";
import type { Lang } from "../i18n/i18n";

export type ShellUser = { displayName: string; username: string; roles: Role[] };

export function AppShell({ user, lang, children }: { user: ShellUser | null; lang: Lang; children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              托
            </span>
            <span>{t("app.name")}</span>
          </Link>
          <nav aria-label={t("app.myHome")} className="site-nav">
            {user
              ? user.roles.map((role) => (
                  <NavLink key={role} to={ROLE_HOME[role]} className="site-nav__link">
                    {t(`home.${role}.title`)}
                  </NavLink>
                ))
              : null}
          </nav>
          <div className="site-header__tools">
            <Form method="post" action="/lang" className="inline-form">
              <input type="hidden" name="lang" value={lang === "zh-CN" ? "en" : "zh-CN"} />
              <input type="hidden" name="redirectTo" value={here} />
              <button type="submit" className="button button--ghost" lang={lang === "zh-CN" ? "en" : "zh-CN"}>
                {t("app.switchTo")}
              </button>
            </Form>
            {user ? (
              <>
                <span className="site-header__user">{t("app.signedInAs", { name: user.displayName })}</span>
                <Form method="post" action="/logout" className="inline-form">
                  <button type="submit" className="button button--ghost">
                    {t("app.signOut")}
                  </button>
                </Form>
              </>
            ) : (
              <Link to="/login" className="button button--ghost">
                {t("app.signIn")}
              </Link>
            )}
          </div>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">{t("app.footer")}</footer>
    </>
  );
}

export function PageHeader({ title, intro, actions }: { title: string; intro?: string; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {intro ? <p className="page-header__intro">{intro}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}

export function Notice({ kind = "info", children }: { kind?: "info" | "success" | "error"; children: ReactNode }) {
  return (
    <div className={`notice notice--${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}
