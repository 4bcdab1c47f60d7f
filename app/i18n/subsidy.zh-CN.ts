// Simplified Chinese messages for subsidy; keys mirror subsidy.en.ts exactly (test/app/i18n.test.ts).
export const subsidyZh = {
  title: "",
};
