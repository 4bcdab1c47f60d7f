// The steps that take input: record the inspection, certify with a number of 托位 after the public notice,
// the yearly review, and reject / revoke with a reason.
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import { formatDate } from "../../utils/format";
import { ChoiceInput, TextInput } from "./fields";
import { Step, useStepErrors } from "./Step";

export function InspectStep({ today }: { today: string }) {
  const { t } = useTranslation();
  const { fieldErrors: e, values } = useStepErrors("inspect");
  return (
    <Step intent="inspect" title={t("certification.record")}>
      <div className="form-grid">
        <TextInput form="inspect" name="inspectionOn" type="date" label={t("certification.inspectionOn")} error={e.inspectionOn} defaultValue={values.inspectionOn ?? today} />
        <ChoiceInput
          form="inspect"
          name="passed"
          label={t("certification.passed")}
          error={e.passed}
          defaultValue={values.passed}
          options={[
            { value: "true", label: t("certification.passedYes") },
            { value: "false", label: t("certification.passedNo") },
          ]}
        />
      </div>
      <TextInput form="inspect" name="findings" label={t("certification.findings")} error={e.findings} defaultValue={values.findings} multiline />
    </Step>
  );
}

export function ReasonStep({ intent, title }: { intent: "reject" | "revoke"; title: string }) {
  const { t } = useTranslation();
  const { fieldErrors: e, values } = useStepErrors(intent);
  return (
    <Step intent={intent} title={title} danger>
      <TextInput form={intent} name="reason" label={t("certification.reason")} error={e.reason} defaultValue={values.reason} multiline />
    </Step>
  );
}

export function CertifyStep({ defaultSlots, noticeEndsOn, today }: { defaultSlots: number | null; noticeEndsOn: string | null; today: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { fieldErrors: e, values } = useStepErrors("certify");
  const running = noticeEndsOn !== null && today <= noticeEndsOn;
  return (
    <Step
      intent="certify"
      title={t("certification.certify")}
      hint={
        running && noticeEndsOn
          ? t("certification.noticeRunningUntil", {
              date: formatDate(noticeEndsOn, lang),
            })
          : t("certification.certifyHint")
      }
    >
      <TextInput
        form="certify"
        name="certifiedSlots"
        label={t("certification.certifiedSlots")}
        error={e.certifiedSlots}
        defaultValue={values.certifiedSlots ?? (defaultSlots === null ? "" : String(defaultSlots))}
      />
    </Step>
  );
}

export function YearlyReviewStep() {
  const { t } = useTranslation();
  const { fieldErrors: e, values } = useStepErrors("review");
  return (
    <Step intent="review" title={t("certification.yearlyReview")}>
      <ChoiceInput
        form="review"
        name="outcome"
        label={t("certification.outcome")}
        error={e.outcome}
        defaultValue={values.outcome}
        options={[
          { value: "continue", label: t("certification.continue") },
          { value: "revoke", label: t("certification.revoke") },
        ]}
      />
      <TextInput form="review" name="note" label={t("certification.note")} error={e.note} defaultValue={values.note} multiline />
    </Step>
  );
}
