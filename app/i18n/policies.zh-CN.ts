// Messages of the public policy browser (/policies) and the rules API — Simplified Chinese.
export const policiesZh = {
  title: "政策查询",
} as const;
