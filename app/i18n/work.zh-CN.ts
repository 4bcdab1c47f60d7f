// Simplified Chinese messages of the role homes' "what waits for you"; keys mirror work.en.ts exactly.
export const workZh = {
  title: "待办事项",
  nothing: "目前没有等待您处理的事项。",
  operator: {
    toFinish: { label: "个机构待完善或补正", next: "打开标记为草稿或已退回的机构，按清单补齐材料后提交备案。" },
    underReview: { label: "个备案或变更审核中", next: "卫健委将在 5 个工作日内办结，结果会出现在消息中。" },
    enrolmentDue: { label: "个机构待报上月在园人数", next: "进入机构的“在园人数月报”，填写上月人数并提交审核。" },
    expiring: { label: "项证明 30 天内到期", next: "在下方“即将到期的证明”中找到人员，上传新的证明材料。" },
  },
  reviewer: {
    filings: { label: "件备案待审核", next: "在下方队列中按到期日先后审核，接收或一次性告知补正。" },
    overdue: { label: "件已超过办理时限", next: "标记为“已超期”的备案请优先办理。" },
    inclusive: { label: "件普惠认定待办", next: "受理申请、现场核查、公示，或开展到期的年度复核。" },
    objections: { label: "条公示异议待裁定", next: "在普惠申请页逐条裁定异议（驳回或成立）。" },
    enrolment: { label: "份在园人数月报待审核", next: "核对月报后通过或退回，通过后方可纳入补贴批次。" },
  },
  finance: {
    notInForce: { label: "本辖区未施行托育机构运营补贴", next: "阿拉尔市实施方案未规定运营补贴标准，因此没有补贴批次；点此查看该措施的施行范围。" },
    toApprove: { label: "个补贴批次待审批", next: "核对批次明细后审批（不能审批本人编制的批次）。" },
    toPay: { label: "个已审批批次待拨付", next: "导出拨付文件，拨付后登记拨付日期和凭证号。" },
    provisional: { label: "个批次因示例标准无法审批", next: "请系统管理员先录入本地正式补贴标准，再重新编制批次。" },
  },
  pricing: {
    published: { label: "份价格表已生效", next: "价格表的历史与现行版本见下方列表。" },
    upcoming: { label: "份价格表尚未生效", next: "生效日前可核对上限；生效后机构申报收费按新上限校验。" },
    declaring: { label: "个已备案机构申报了收费", next: "在机构名录中查看各机构公示的收费。" },
  },
  union: {
    programmes: { label: "个用人单位办托项目", next: "按单位、园区或开放情况筛选项目，查看支持措施判定。" },
    openNominations: { label: "项爱心托育用人单位推荐进行中", next: "在项目页登记推荐进展和评选结果。" },
    grants: { label: "笔今年的工会资助", next: "资助汇总按年度和区县列在项目列表下方。" },
  },
  admin: {
    users: { label: "个启用的账户", next: "新建账户、重置密码或停用离岗人员的账户。" },
    demoUsers: { label: "个演示账户仍使用公开密码", next: "正式使用前请修改或停用演示账户。" },
    withoutStandard: { label: "个区县仍使用示例补贴标准", next: "在“补贴标准”中录入区县正式文件的标准及条款。" },
  },
  audit: {
    recent: { label: "条近 7 日操作记录", next: "按用户、操作和日期筛选，并校验哈希链。" },
    failures: { label: "次近 7 日登录失败", next: "查看失败来源，必要时联系系统管理员。" },
    reveals: { label: "次近 7 日查看完整身份证号", next: "核对查看人是否为该机构或负责审核的人员。" },
  },
};
