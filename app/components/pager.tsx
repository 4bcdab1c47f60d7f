import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function Pager({ page, hasMore }: { page: number; hasMore: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (page === 1 && !hasMore) return null;
  const to = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pager" aria-label={t("audit.page", { page })}>
      {page > 1 ? <Link to={to(page - 1)}>{t("audit.previous")}</Link> : <span />}
      <span>{t("audit.page", { page })}</span>
      {hasMore ? <Link to={to(page + 1)}>{t("audit.next")}</Link> : <span />}
    </nav>
  );
}
