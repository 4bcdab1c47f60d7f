// subsidy messages — English. Keys mirror subsidy.zh-CN.ts exactly (test/app/i18n.test.ts).
export const subsidyEn = {
  title: "",
};
