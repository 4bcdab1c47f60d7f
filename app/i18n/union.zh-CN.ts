// Simplified Chinese messages for union; keys mirror union.en.ts exactly (test/app/i18n.test.ts).
export const unionZh = {
  title: "",
};
