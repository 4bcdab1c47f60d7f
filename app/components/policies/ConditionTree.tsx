// A measure's condition tree as the public policy page shows it: groups (all of / any of / …) and their
// leaves, each leaf with its title, whether it applies only in some cases, and the clauses it rests on.
// The tests themselves are code and stay on the server; the loader sends this shape.
import { useTranslation } from "react-i18next";
import type { GroupOperator } from "../../../rules/engine/measure";
import type { Reference, Text } from "../../../rules/engine/types";
import type { Lang } from "../../i18n/i18n";
import { referenceText, textIn } from "../checklist";

export type ConditionNode =
  | { kind: "leaf"; id: string; title: Text; references: readonly Reference[]; conditional: boolean }
  | { kind: GroupOperator; id: string; children: ConditionNode[] };

export function ConditionTree({ node, lang }: { node: ConditionNode; lang: Lang }) {
  const { t } = useTranslation();
  if (node.kind === "leaf") {
    return (
      <>
        <span className="condition__title">{textIn(node.title, lang)}</span>
        {node.conditional ? <span className="badge badge--muted">{t("policies.conditional")}</span> : null}
        {node.references.length ? (
          <p className="condition__refs small muted">
            {t("policies.checklist.basis")}
            {node.references.map((r) => referenceText(r)).join(t("policies.listSeparator"))}
          </p>
        ) : null}
      </>
    );
  }
  return (
    <div className="condition-group">
      <p className="conditions__caption">{t(`policies.checklist.op.${node.kind}`)}</p>
      <ol className="conditions conditions--plain">
        {node.children.map((child) => (
          <li key={child.id} className="condition">
            <div className="condition__body">
              <ConditionTree node={child} lang={lang} />
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
