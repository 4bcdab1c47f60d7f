// Simplified Chinese messages for batches; keys mirror batches.en.ts exactly (test/app/i18n.test.ts).
export const batchesZh = {
  title: "",
};
