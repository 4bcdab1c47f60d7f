import type { Messages } from "./i18n";

export const policiesEn: Messages["policies"] = {
  title: "Policies",
};
