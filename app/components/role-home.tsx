import { useTranslation } from "react-i18next";
import type { Role } from "../../db/schema/enums";
import { EmptyState, PageHeader } from "./layout";

export type RoleHomeData = { role: Role; scopeName: string | null; organisationName: string | null };

/** A role's landing page with its work queue; an honest empty state until the features arrive. */
export function RoleHome({ data }: { data: RoleHomeData }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`home.${data.role}.title`)} intro={t(`home.${data.role}.intro`)} />
      <p className="muted">
        {data.scopeName ? t("home.scope", { name: data.scopeName }) : null}
        {data.organisationName ? t("home.organisation", { name: data.organisationName }) : null}
      </p>
      <section className="card" aria-labelledby="queue-title">
        <h2 id="queue-title">{t("home.queueTitle")}</h2>
        <EmptyState>{t(`home.${data.role}.empty`, { defaultValue: t("home.emptyQueue") })}</EmptyState>
      </section>
    </>
  );
}
