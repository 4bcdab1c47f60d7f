// The documents the rules cite. City texts are in shared/policies; national texts are as named in
// DOMAIN.md. Clause strings follow each text's own numbering: the city texts number their measures
// "15." under "二、主要措施（四）" (阿拉尔) and "7." under "三、完善托育服务" (蚌埠).
// Where a national clause number could not be checked against the text, the clause names the topic
// and says 条款号待核 (clause number to be verified) rather than guessing a number.

import type { Reference } from "../engine/types";

export const ALAR_PLAN = "第一师阿拉尔市构建生育友好型社会实施方案（试行）（征求意见稿）";
export const BENGBU_MEASURES = "蚌埠市进一步完善和落实积极生育支持政策的若干举措";

export const FILING_RULES = "托育机构登记和备案办法（试行）（国卫办人口发〔2019〕25号）";
export const SETTING_STANDARD = "托育机构设置标准（试行）（国卫人口发〔2019〕58号）";
export const MANAGEMENT_NORMS = "托育机构管理规范（试行）（国卫人口发〔2019〕58号）";
export const HOME_BASED_RULES = "家庭托育点管理办法（试行）（2023年）";
export const MINORS_LAW = "中华人民共和国未成年人保护法（2020年修订，2021-06-01施行）";
export const CHILDCARE_HEALTH_RULES = "托儿所幼儿园卫生保健管理办法（卫生部 教育部令第76号，2010-11-01施行）";
export const PRICING_OPINION = "发改价格〔2024〕1477号（普惠托育服务价格）";
export const STATE_COUNCIL_2019_15 = "国务院办公厅关于促进3岁以下婴幼儿照护服务发展的指导意见（国办发〔2019〕15号）";
export const TAX_2019_76 = "财政部 税务总局 发展改革委 民政部 商务部 卫生健康委公告2019年第76号";
export const TAX_2026_7 =
  "财政部 税务总局 国家发展改革委 民政部 商务部 国家卫生健康委公告2026年第7号（关于延续实施养老、托育、家政等社区家庭服务业税费优惠政策的公告）";
export const WORKDAYS_NOTICE = "关于职工全年月平均工作时间和工资折算问题的通知（劳社部发〔2008〕3号）";
export const ACFTU_CARING_EMPLOYER = "全国总工会 国家卫生健康委 全国爱心托育用人单位推选工作（2022年起）";
export const ACFTU_PROJECT_2025 = "全国总工会2025年用人单位托育服务项目支持";
export const PRICING_EXAMPLE = "重庆市某区普惠托育服务收费指导标准（DOMAIN.md 示例）";

export const REF = {
  alar15: { document: ALAR_PLAN, clause: "二（四）第15条" },
  alar16: { document: ALAR_PLAN, clause: "二（四）第16条" },
  alar17: { document: ALAR_PLAN, clause: "二（四）第17条" },
  bengbu6: { document: BENGBU_MEASURES, clause: "三、第6条" },
  bengbu7: { document: BENGBU_MEASURES, clause: "三、第7条" },
  bengbu8: { document: BENGBU_MEASURES, clause: "四、第8条" },
  filingConditions: { document: FILING_RULES, clause: "第五条" },
  filingMaterials: { document: FILING_RULES, clause: "第八条" },
  site: { document: SETTING_STANDARD, clause: "第十一条" },
  classSizes: { document: SETTING_STANDARD, clause: "班型与班额（条款号待核）" },
  ratios: { document: SETTING_STANDARD, clause: "保育人员配备比例（条款号待核）" },
  director: { document: SETTING_STANDARD, clause: "托育机构负责人条件（条款号待核）" },
  healthWorker: { document: SETTING_STANDARD, clause: "保健人员条件（条款号待核）" },
  securityGuard: { document: SETTING_STANDARD, clause: "保安人员条件（条款号待核）" },
  caregivers: { document: SETTING_STANDARD, clause: "保育人员条件（条款号待核）" },
  healthCertificates: { document: MANAGEMENT_NORMS, clause: "工作人员健康检查（条款号待核）" },
  // "托幼机构应当组织在岗工作人员每年进行1次健康检查" [reported, several consistent copies]; number not checked
  yearlyHealthCheck: { document: CHILDCARE_HEALTH_RULES, clause: "在岗工作人员每年进行1次健康检查（条款号待核）" },
  backgroundCheck: { document: MINORS_LAW, clause: "第六十二条" },
  // 第六十二条第二款: "密切接触未成年人的单位应当每年定期对工作人员是否具有上述违法犯罪记录进行查询" [text]
  yearlyBackgroundCheck: { document: MINORS_LAW, clause: "第六十二条第二款（每年定期查询）" },
  homeBased: { document: HOME_BASED_RULES, clause: "收托人数与照护人员配备（条款号待核）" },
  // "照护人员应当具有保育教育、卫生健康等婴幼儿照护经验或相关专业背景，受过婴幼儿保育、心理健康、食品安全、
  // 急救和消防等培训" [reported]: experience or background plus training — no certificate is named
  homeBasedCarers: { document: HOME_BASED_RULES, clause: "照护人员条件（条款号待核）" },
  pricing: { document: PRICING_OPINION, clause: "普惠托育服务价格（条款号待核）" },
  inclusiveProviders: { document: PRICING_OPINION, clause: "普惠托育服务提供主体（条款号待核）" },
  inclusiveRecognition: { document: PRICING_OPINION, clause: "普惠性托育机构认定条件（条款号待核）" },
  pricingExample: { document: PRICING_EXAMPLE, clause: "收费上限计算方法" },
  workdays: { document: WORKDAYS_NOTICE, clause: "二、日工资、小时工资的折算" },
  utility: { document: STATE_COUNCIL_2019_15, clause: "用水、用电、用气、用热按照居民生活类价格执行（条款号待核）" },
  tax2019: { document: TAX_2019_76, clause: "第一条至第八条" },
  tax2019Period: { document: TAX_2019_76, clause: "执行期限（自2019年6月1日起执行至2025年12月31日）" },
  tax2026: { document: TAX_2026_7, clause: "一、二及执行期限（自2026年1月1日起执行至2027年12月31日）" },
  caringEmployer: { document: ACFTU_CARING_EMPLOYER, clause: "2022年推选与补助（全总每家10万元，省级按不低于1:1配套）" },
  caringEmployer2023: { document: ACFTU_CARING_EMPLOYER, clause: "2023年推选与补助（每家不少于15万元）" },
  projectGrant: { document: ACFTU_PROJECT_2025, clause: "每个项目补助1万元" },
  subsidyDemo: { document: "蚌埠市托育服务机构补助办法（试行）— 各县区补助方案（未取得原文，示例值）", clause: "补助标准（示例值，以当地正式文件为准）" },
  subsidyPeriodDemo: { document: "蚌埠市托育服务机构补助办法（试行）— 各县区补助方案（未取得原文，示例值）", clause: "补助月份计算方式（示例值，以当地正式文件为准）" },
  demo: { document: "示例值（Tuoyu 演示数据），以当地正式文件为准", clause: "—" },
} satisfies Record<string, Reference>;
