// The chosen month's report: its status and version, a returned version's reason, the version in force
// while a correction is open, the form (editable while a draft or a returned version is open, or to start
// one), and the submit button once the month has ended.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SubmitButton } from "../forms";
import { Notice } from "../layout";
import { useLang } from "../../i18n/use-lang";
import { ReportForm } from "./ReportForm";
import { EnrolmentStatusBadge, formatMonth } from "./shared";
import type { EnrolmentCapacityView, EnrolmentReportView } from "./views";

type Props = { period: string; reporting: boolean; monthEnded: boolean; capacity: EnrolmentCapacityView; report: EnrolmentReportView | null };

export function MonthReport({ period, reporting, monthEnded, capacity, report }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const versions = report?.versions ?? [];
  const open = versions.find((v) => v.status === "draft" || v.status === "submitted" || v.status === "returned") ?? null;
  const approved = versions.find((v) => v.status === "approved") ?? null;
  const editable = reporting && (open === null || open.status === "draft" || open.status === "returned");
  // the form starts from the open version, else (a correction) from the approved one
  const source = open ?? approved;
  const canSubmit = reporting && open !== null && (open.status === "draft" || open.status === "returned");
  const month = formatMonth(period, lang);
  return (
    <section className="card stack" aria-labelledby="month-title">
      <h2 id="month-title">
        {t("subsidy.enrolment.monthTitle", { month })} {open ? <EnrolmentStatusBadge status={open.status} /> : approved ? <EnrolmentStatusBadge status="approved" /> : <EnrolmentStatusBadge status="none" />}
        {open ? <span className="small muted"> {t("subsidy.enrolment.version", { version: open.version })}</span> : null}
      </h2>
      {open?.status === "returned" && open.returnReason ? <Notice kind="error">{t("subsidy.enrolment.returnedReason", { reason: open.returnReason })}</Notice> : null}
      {approved && report?.approvedVersion !== null && report ? (
        <Notice>
          {open
            ? `${t("subsidy.enrolment.amendmentOpen", { version: open.version })} · ${t("subsidy.enrolment.inForceLine", { version: report.approvedVersion, children: report.approvedFullDayChildren ?? 0 })}`
            : t("subsidy.enrolment.amendmentNote", { version: report.approvedVersion, children: report.approvedFullDayChildren ?? 0 })}
        </Notice>
      ) : null}
      {open?.status === "submitted" ? <Notice>{t("subsidy.enrolment.notEditable")}</Notice> : null}
      <ReportForm key={`${period}|${source?.id ?? "new"}|${source?.status ?? ""}`} period={period} capacity={capacity} source={source} editable={editable} />
      {canSubmit ? (
        <div>
          {monthEnded ? (
            <Form method="post">
              <input type="hidden" name="intent" value="submit" />
              <input type="hidden" name="period" value={period} />
              <p className="small muted">{t("subsidy.enrolment.submitHint")}</p>
              <p className="row-actions">
                <SubmitButton>{t("subsidy.enrolment.submit")}</SubmitButton>
              </p>
            </Form>
          ) : (
            <Notice>{t("subsidy.enrolment.monthNotEnded")}</Notice>
          )}
        </div>
      ) : null}
    </section>
  );
}
