// union messages — English. Keys mirror union.zh-CN.ts exactly (test/app/i18n.test.ts).
export const unionEn = {
  title: "",
};
