// batches messages — English. Keys mirror batches.zh-CN.ts exactly (test/app/i18n.test.ts).
export const batchesEn = {
  title: "",
};
