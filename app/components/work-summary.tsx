// "What waits for you" (待办事项): the counts a role's home opens with, each a link to where the work is
// done and a line saying what to do next. Items come from app/services/work.server.ts.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** `info`: a statement, not a count (e.g. a measure not in force in the scope) */
export type WorkItem = { key: string; count: number; to: string; attention?: boolean; info?: boolean };

export function WorkSummary({ items }: { items: readonly WorkItem[] }) {
  const { t } = useTranslation();
  const waiting = items.some((i) => i.count > 0 || i.info);
  return (
    <section className="card work-summary" aria-labelledby="work-title">
      <h2 id="work-title">{t("work.title")}</h2>
      {waiting ? null : <p className="muted">{t("work.nothing")}</p>}
      <ul className="work-list">
        {items.map((item) => (
          <li key={item.key} className={item.attention && item.count > 0 ? "work-item work-item--attention" : "work-item"}>
            <Link to={item.to}>
              {item.info ? null : <strong>{item.count}</strong>}
              <span>{t(`work.${item.key}.label`)}</span>
            </Link>
            {item.count > 0 || item.info ? <small>{t(`work.${item.key}.next`)}</small> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
