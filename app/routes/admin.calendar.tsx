// The official holiday calendar (放假 / 调休上班) that filing due dates count working days on; city-level
// administrators keep it current (a new year's notice, a correction). Every change is audited.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { isActionErrors, ServerInput, ServerSelect, SubmitButton } from "../components/forms";
import { EmptyState, Notice, PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";
import { useLang } from "../i18n/use-lang";
import { listCalendarDays, removeCalendarDay, setCalendarDay } from "../services/calendar.server";
import { formatDate, todayInShanghai } from "../utils/format";
import { guarded, guardedAction } from "../utils/http.server";

export const meta = titleMeta("calendar.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:parameter:jurisdiction");
  const url = new URL(request.url);
  const requested = Number(url.searchParams.get("year"));
  const year = Number.isInteger(requested) && requested >= 2000 && requested <= 2099 ? requested : Number(todayInShanghai().slice(0, 4));
  return guarded(async () => ({ year, days: await listCalendarDays(await getDb(), year) }));
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage:parameter:jurisdiction");
  const form = await request.formData();
  return guardedAction(async () => {
    const db = await getDb();
    if (form.get("intent") === "remove") {
      await removeCalendarDay(db, actor, form.get("day"));
      return redirect(`/admin/calendar?flash=removed`);
    }
    await setCalendarDay(db, actor, Object.fromEntries(form));
    return redirect(`/admin/calendar?year=${String(form.get("day") ?? "").slice(0, 4)}&flash=saved`);
  });
}

export default function CalendarAdmin() {
  const { t } = useTranslation();
  const lang = useLang();
  const { year, days } = useLoaderData<typeof loader>();
  const actionData = useActionData<unknown>();
  const errors = isActionErrors(actionData) ? actionData.fieldErrors : {};
  const formError = isActionErrors(actionData) ? actionData.formError : undefined;
  const [params] = useSearchParams();
  const flash = params.get("flash");
  return (
    <>
      <PageHeader title={t("calendar.title")} intro={t("calendar.intro")} actions={<Link to="/admin">{t("admin.users")}</Link>} />
      {flash === "saved" ? <Notice kind="success">{t("calendar.saved")}</Notice> : null}
      {flash === "removed" ? <Notice kind="success">{t("calendar.removed")}</Notice> : null}
      {formError ? <Notice kind="error">{t(formError)}</Notice> : null}
      <nav className="toolbar" aria-label={t("calendar.year")}>
        <Link to={`?year=${year - 1}`}>← {year - 1}</Link>
        <strong>{year}</strong>
        <Link to={`?year=${year + 1}`}>{year + 1} →</Link>
      </nav>
      <section className="card" aria-labelledby="days-title">
        <h2 id="days-title">{t("calendar.days", { year })}</h2>
        {days.length === 0 ? (
          <EmptyState>{t("calendar.none")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("calendar.day")}</th>
                  <th scope="col">{t("calendar.kind")}</th>
                  <th scope="col">{t("calendar.name")}</th>
                  <th scope="col">{t("calendar.reference")}</th>
                  <th scope="col">{t("admin.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr key={d.day}>
                    <td className="nowrap">{formatDate(d.day, lang)}</td>
                    <td>
                      <span className={`badge ${d.kind === "holiday" ? "badge--info" : "badge--warn"}`}>{t(`calendar.kinds.${d.kind}`)}</span>
                    </td>
                    <td>{lang === "en" ? d.nameEn : d.nameZh}</td>
                    <td className="small">{d.reference}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="day" value={d.day} />
                        <button type="submit" className="button button--secondary" aria-label={`${t("calendar.remove")} ${d.day}`}>
                          {t("calendar.remove")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="add-title">
        <h2 id="add-title">{t("calendar.add")}</h2>
        <Form method="post" className="form">
          <div className="form-grid">
            <ServerInput name="day" type="date" label={t("calendar.day")} error={errors.day} />
            <ServerSelect
              name="kind"
              label={t("calendar.kind")}
              error={errors.kind}
              options={[
                { value: "holiday", label: t("calendar.kinds.holiday") },
                { value: "workday", label: t("calendar.kinds.workday") },
              ]}
            />
            <ServerInput name="nameZh" label={t("calendar.nameZh")} error={errors.nameZh} />
            <ServerInput name="nameEn" label={t("calendar.nameEn")} error={errors.nameEn} />
            <div className="field--wide">
              <ServerInput name="reference" label={t("calendar.reference")} error={errors.reference} />
            </div>
          </div>
          <SubmitButton>{t("calendar.save")}</SubmitButton>
        </Form>
      </section>
    </>
  );
}
