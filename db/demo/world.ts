// The demo world's cast (issue #12): organisations, their operator accounts and their facilities, each
// with the story it plays out — the state a newcomer finds it in. Plain data; db/demo/build.ts walks it
// through the services on the business clock. Days are offsets from the seeding day (the test clock's
// today), so the world reads the same whenever it is seeded: a filing "submitted 12 days ago" is overdue.
import type { FACILITY_KINDS } from "../../rules/snapshot";

type FacilityKind = (typeof FACILITY_KINDS)[number];

export type FilingStory = "draft" | "submitted" | "overdue" | "returned" | "filed" | "change_submitted" | "cancelled";
export type InclusiveStory = "applied" | "under_review" | "notice_with_objection" | "certified" | "rejected" | "revoked" | "expired";

export type DemoFacility = {
  key: string;
  name: string;
  jurisdictionCode: string;
  kind: FacilityKind;
  address: string;
  /** children per class: [toddler, older_toddler] (0 = no such class); an infant class when `infants` */
  children: [number, number];
  infants?: number;
  /** how many days before the seeding day the operator first entered it */
  builtDaysAgo: number;
  filing: FilingStory;
  inclusive?: InclusiveStory;
  kindergartenOwnership?: "public" | "inclusive_private" | "private";
  /** the programme profile; the employer is the organisation itself */
  employer?: { park?: string; mainlyOwn: boolean; openToOthers: boolean; openToResidents: boolean; reservedSlots: number };
  meals?: boolean;
  leased?: boolean;
  /** a caregiver's 保育师 certificate lacks its uploaded proof (the checklist names it) */
  missingProof?: boolean;
  /** a health certificate and a qualification that expire within 30 days */
  expiringSoon?: boolean;
  /** one staff member without a health certificate on file */
  noHealthCertificate?: boolean;
  /** a basic fee above the guided-price cap */
  feeAboveCap?: boolean;
  utilityCertificate?: boolean;
  /** monthly enrolment reports for the subsidy (the six ended months before the seeding month) */
  reports?: boolean;
};

export type DemoOrganisation = {
  key: string;
  name: string;
  uscc17: string; // the first 17 characters; the check character is computed
  jurisdictionCode: string;
  legalForm: "company" | "public_institution" | "social_service_org" | "individual_business";
  ownership: "public" | "state_owned_enterprise" | "private" | "collective";
  /** the operator account; the three README operators keep their usernames */
  operator: { username: string; displayName: string };
  facilities: DemoFacility[];
};

const A = (district: string, street: string) => `${district}${street}`;

export const DEMO_WORLD: DemoOrganisation[] = [
  // ---- 蚌埠市 龙子湖区 (340302) -------------------------------------------------------------------------
  {
    key: "bengbu",
    name: "蚌埠市龙子湖区小星星托育有限公司",
    uscc17: "91340302MA2Q6W7E8",
    jurisdictionCode: "340302",
    legalForm: "company",
    ownership: "private",
    operator: { username: "bb-operator", displayName: "蚌埠示例运营方（小星星托育）" },
    facilities: [
      { key: "xxx-main", name: "小星星托育中心（东海大道园）", jurisdictionCode: "340302", kind: "standalone", address: A("龙子湖区", "东海大道 1688 号"), children: [12, 16], builtDaysAgo: 520, filing: "filed", inclusive: "certified", reports: true, utilityCertificate: true, meals: true, expiringSoon: true },
      { key: "xxx-huaxia", name: "小星星托育中心（华夏路园）", jurisdictionCode: "340302", kind: "community_embedded", address: A("龙子湖区", "华夏路社区服务中心二楼"), children: [8, 10], builtDaysAgo: 40, filing: "returned", missingProof: true },
      { key: "xxx-new", name: "小星星托育中心（高铁站园，筹建中）", jurisdictionCode: "340302", kind: "standalone", address: A("龙子湖区", "高铁站前广场东侧"), children: [6, 0], builtDaysAgo: 6, filing: "draft", noHealthCertificate: true },
    ],
  },
  {
    key: "lzh-public",
    name: "蚌埠市龙子湖区婴幼儿照护服务中心",
    uscc17: "12340302MB0A1B2C3",
    jurisdictionCode: "340302",
    legalForm: "public_institution",
    ownership: "public",
    operator: { username: "op-lzh-public", displayName: "龙子湖区婴幼儿照护服务中心" },
    facilities: [
      { key: "lzh-public", name: "龙子湖区公办托育中心", jurisdictionCode: "340302", kind: "standalone", address: A("龙子湖区", "长淮路 200 号"), children: [14, 18], builtDaysAgo: 480, filing: "filed", reports: true, utilityCertificate: true },
    ],
  },
  {
    key: "lzh-kg",
    name: "蚌埠市龙子湖区实验幼儿园",
    uscc17: "12340302MB1C2D3E4",
    jurisdictionCode: "340302",
    legalForm: "public_institution",
    ownership: "public",
    operator: { username: "op-lzh-kg", displayName: "龙子湖区实验幼儿园" },
    facilities: [
      { key: "lzh-kg", name: "龙子湖区实验幼儿园托班", jurisdictionCode: "340302", kind: "kindergarten_class", kindergartenOwnership: "public", address: A("龙子湖区", "湖滨路 18 号"), children: [0, 20], builtDaysAgo: 430, filing: "filed", reports: true },
    ],
  },
  {
    key: "hitech",
    name: "蚌埠华光玻璃科技有限公司",
    uscc17: "91340302MA2T4H5J6",
    jurisdictionCode: "340302",
    legalForm: "company",
    ownership: "state_owned_enterprise",
    operator: { username: "op-hitech", displayName: "华光玻璃职工托育中心" },
    facilities: [
      {
        key: "hitech",
        name: "华光玻璃职工托育中心",
        jurisdictionCode: "340302",
        kind: "employer_run",
        address: A("龙子湖区", "高新区燕山路 1047 号"),
        children: [10, 14],
        builtDaysAgo: 460,
        filing: "filed",
        employer: { park: "蚌埠高新技术产业开发区", mainlyOwn: true, openToOthers: true, openToResidents: false, reservedSlots: 30 },
        utilityCertificate: true,
      },
    ],
  },
  // ---- 蚌山区 (340303) --------------------------------------------------------------------------------
  {
    key: "bs-ledu",
    name: "蚌埠市乐嘟嘟托育服务有限公司",
    uscc17: "91340303MA2U5K6L7",
    jurisdictionCode: "340303",
    legalForm: "company",
    ownership: "private",
    operator: { username: "op-bs-ledu", displayName: "乐嘟嘟托育" },
    facilities: [
      { key: "bs-ledu-1", name: "乐嘟嘟托育（涂山路园）", jurisdictionCode: "340303", kind: "standalone", address: A("蚌山区", "涂山路 566 号"), children: [10, 14], builtDaysAgo: 400, filing: "filed", inclusive: "notice_with_objection", leased: true },
      { key: "bs-ledu-2", name: "乐嘟嘟托育（朝阳路园）", jurisdictionCode: "340303", kind: "standalone", address: A("蚌山区", "朝阳路 88 号"), children: [8, 12], builtDaysAgo: 380, filing: "filed", feeAboveCap: true, leased: true },
      { key: "bs-ledu-3", name: "乐嘟嘟托育（南山园）", jurisdictionCode: "340303", kind: "standalone", address: A("蚌山区", "南山路 21 号"), children: [6, 8], builtDaysAgo: 20, filing: "submitted" },
    ],
  },
  {
    key: "bs-family",
    name: "蚌山区小禾苗家庭托育点",
    uscc17: "92340303MA2W6M7N8",
    jurisdictionCode: "340303",
    legalForm: "individual_business",
    ownership: "private",
    operator: { username: "op-bs-family", displayName: "小禾苗家庭托育点" },
    facilities: [{ key: "bs-family", name: "小禾苗家庭托育点", jurisdictionCode: "340303", kind: "home_based", address: A("蚌山区", "纬四路锦绣小区 3 栋 101"), children: [4, 0], builtDaysAgo: 300, filing: "filed" }],
  },
  // ---- 禹会区 (340304) --------------------------------------------------------------------------------
  {
    key: "yh-mumu",
    name: "蚌埠市木木托育有限公司",
    uscc17: "91340304MA2W7P8Q9",
    jurisdictionCode: "340304",
    legalForm: "company",
    ownership: "private",
    operator: { username: "op-yh-mumu", displayName: "木木托育" },
    facilities: [
      { key: "yh-mumu-1", name: "木木托育中心（延安路园）", jurisdictionCode: "340304", kind: "standalone", address: A("禹会区", "延安路 1200 号"), children: [12, 14], builtDaysAgo: 450, filing: "filed", inclusive: "revoked", utilityCertificate: true },
      { key: "yh-mumu-2", name: "木木托育中心（张公山园）", jurisdictionCode: "340304", kind: "standalone", address: A("禹会区", "张公山路 9 号"), children: [8, 10], builtDaysAgo: 420, filing: "cancelled", utilityCertificate: true },
      { key: "yh-mumu-3", name: "木木托育中心（禹会新城园）", jurisdictionCode: "340304", kind: "standalone", address: A("禹会区", "禹会新城 6 号楼"), children: [10, 12], builtDaysAgo: 360, filing: "change_submitted" },
    ],
  },
  {
    key: "yh-community",
    name: "禹会区朝阳街道社区托育服务中心",
    uscc17: "52340304MJ1A2B3C4",
    jurisdictionCode: "340304",
    legalForm: "social_service_org",
    ownership: "private",
    operator: { username: "op-yh-community", displayName: "朝阳街道社区托育" },
    facilities: [{ key: "yh-community", name: "朝阳街道社区托育点", jurisdictionCode: "340304", kind: "community_embedded", address: A("禹会区", "朝阳街道党群服务中心一楼"), children: [8, 10], builtDaysAgo: 330, filing: "filed", inclusive: "applied" }],
  },
  // ---- 淮上区 (340311) --------------------------------------------------------------------------------
  {
    key: "hs-sunshine",
    name: "蚌埠市淮上区阳光宝贝托育有限公司",
    uscc17: "91340311MA2X8R9T1",
    jurisdictionCode: "340311",
    legalForm: "company",
    ownership: "private",
    operator: { username: "op-hs-sunshine", displayName: "阳光宝贝托育" },
    facilities: [
      { key: "hs-sunshine-1", name: "阳光宝贝托育（淮上大道园）", jurisdictionCode: "340311", kind: "standalone", address: A("淮上区", "淮上大道 300 号"), children: [10, 12], builtDaysAgo: 440, filing: "filed", inclusive: "rejected", feeAboveCap: true },
      { key: "hs-sunshine-2", name: "阳光宝贝托育（小蚌埠园）", jurisdictionCode: "340311", kind: "standalone", address: A("淮上区", "小蚌埠镇中心街 12 号"), children: [8, 8], builtDaysAgo: 25, filing: "returned", noHealthCertificate: true },
    ],
  },
  {
    key: "hs-logistics",
    name: "安徽淮河物流集团有限公司",
    uscc17: "91340311MA2Y9T1U2",
    jurisdictionCode: "340311",
    legalForm: "company",
    ownership: "state_owned_enterprise",
    operator: { username: "op-hs-logistics", displayName: "淮河物流职工托育园" },
    facilities: [
      {
        key: "hs-logistics",
        name: "淮河物流职工托育园",
        jurisdictionCode: "340311",
        kind: "employer_run",
        address: A("淮上区", "沫河口工业园物流大道 8 号"),
        children: [8, 12],
        builtDaysAgo: 410,
        filing: "filed",
        employer: { park: "淮上沫河口工业园", mainlyOwn: true, openToOthers: false, openToResidents: false, reservedSlots: 25 },
      },
    ],
  },
  // ---- 怀远县 (340321) --------------------------------------------------------------------------------
  {
    key: "huaiyuan",
    name: "怀远县禾苗托育服务有限公司",
    uscc17: "91340321MA2R3K5L1",
    jurisdictionCode: "340321",
    legalForm: "company",
    ownership: "private",
    operator: { username: "hy-operator", displayName: "怀远示例运营方（禾苗托育）" },
    facilities: [
      { key: "hm-main", name: "禾苗托育中心（禹王路园）", jurisdictionCode: "340321", kind: "standalone", address: A("怀远县", "城关镇禹王路 1 号"), children: [12, 16], builtDaysAgo: 540, filing: "filed", inclusive: "certified", reports: true, utilityCertificate: true },
      { key: "hm-east", name: "禾苗托育中心（涂山路园）", jurisdictionCode: "340321", kind: "standalone", address: A("怀远县", "城关镇涂山路 66 号"), children: [10, 14], builtDaysAgo: 500, filing: "filed", inclusive: "certified", reports: true },
      { key: "hm-overdue", name: "禾苗托育中心（荆山园）", jurisdictionCode: "340321", kind: "standalone", address: A("怀远县", "荆山镇荆山大道 20 号"), children: [8, 10], builtDaysAgo: 30, filing: "overdue" },
      { key: "hm-bailian", name: "禾苗托育中心（白莲坡园）", jurisdictionCode: "340321", kind: "standalone", address: A("怀远县", "白莲坡镇中心路 8 号"), children: [6, 8], builtDaysAgo: 10, filing: "submitted" },
      { key: "hm-recent", name: "禾苗托育中心（龙亢园）", jurisdictionCode: "340321", kind: "community_embedded", address: A("怀远县", "龙亢镇新街 5 号"), children: [6, 8], builtDaysAgo: 14, filing: "submitted" },
    ],
  },
  {
    key: "hy-public",
    name: "怀远县妇幼保健计划生育服务中心",
    uscc17: "12340321MB2E3F4G5",
    jurisdictionCode: "340321",
    legalForm: "public_institution",
    ownership: "public",
    operator: { username: "op-hy-public", displayName: "怀远县公办托育中心" },
    facilities: [{ key: "hy-public", name: "怀远县公办托育中心", jurisdictionCode: "340321", kind: "standalone", address: A("怀远县", "城关镇乳泉大道 100 号"), children: [14, 18], builtDaysAgo: 470, filing: "filed", reports: true, utilityCertificate: true }],
  },
  {
    key: "hy-kg",
    name: "怀远县第一幼儿园",
    uscc17: "12340321MB3G4H5J6",
    jurisdictionCode: "340321",
    legalForm: "public_institution",
    ownership: "public",
    operator: { username: "op-hy-kg", displayName: "怀远县第一幼儿园" },
    facilities: [{ key: "hy-kg", name: "怀远县第一幼儿园托班", jurisdictionCode: "340321", kind: "kindergarten_class", kindergartenOwnership: "public", address: A("怀远县", "城关镇环城西路 2 号"), children: [0, 18], builtDaysAgo: 420, filing: "filed", reports: true }],
  },
  {
    key: "hy-textile",
    name: "安徽怀远纺织集团有限公司",
    uscc17: "91340321MA2Y1W2W3",
    jurisdictionCode: "340321",
    legalForm: "company",
    ownership: "private",
    operator: { username: "op-hy-textile", displayName: "怀远纺织职工子女托育园" },
    facilities: [
      {
        key: "hy-textile",
        name: "怀远纺织职工子女托育园",
        jurisdictionCode: "340321",
        kind: "employer_run",
        address: A("怀远县", "经济开发区纺织路 6 号"),
        children: [8, 10],
        builtDaysAgo: 390,
        filing: "filed",
        employer: { park: "怀远经济开发区", mainlyOwn: true, openToOthers: true, openToResidents: true, reservedSlots: 20 },
      },
    ],
  },
  // ---- 五河县 (340322) --------------------------------------------------------------------------------
  {
    key: "wh-xiaoyu",
    name: "五河县小雨点托育有限公司",
    uscc17: "91340322MA2A2X3Y4",
    jurisdictionCode: "340322",
    legalForm: "company",
    ownership: "private",
    operator: { username: "op-wh-xiaoyu", displayName: "小雨点托育" },
    facilities: [
      { key: "wh-xiaoyu-1", name: "小雨点托育（城关园）", jurisdictionCode: "340322", kind: "standalone", address: A("五河县", "城关镇淮河路 18 号"), children: [10, 12], builtDaysAgo: 400, filing: "filed", inclusive: "under_review" },
      { key: "wh-xiaoyu-2", name: "小雨点托育（新集园）", jurisdictionCode: "340322", kind: "standalone", address: A("五河县", "新集镇人民路 3 号"), children: [6, 8], builtDaysAgo: 9, filing: "submitted" },
      { key: "wh-xiaoyu-3", name: "小雨点托育（沱湖园）", jurisdictionCode: "340322", kind: "standalone", address: A("五河县", "沱湖乡沱湖路 7 号"), children: [6, 6], builtDaysAgo: 4, filing: "draft" },
    ],
  },
  {
    key: "wh-public",
    name: "五河县妇幼保健院",
    uscc17: "12340322MB4K5L6M7",
    jurisdictionCode: "340322",
    legalForm: "public_institution",
    ownership: "public",
    operator: { username: "op-wh-public", displayName: "五河县公办托育中心" },
    facilities: [{ key: "wh-public", name: "五河县公办托育中心", jurisdictionCode: "340322", kind: "standalone", address: A("五河县", "城关镇中兴路 50 号"), children: [12, 14], builtDaysAgo: 380, filing: "filed", utilityCertificate: true }],
  },
  // ---- 固镇县 (340323) --------------------------------------------------------------------------------
  {
    key: "gz-happy",
    name: "固镇县开心果托育服务有限公司",
    uscc17: "91340323MA2B3Y4A5",
    jurisdictionCode: "340323",
    legalForm: "company",
    ownership: "private",
    operator: { username: "op-gz-happy", displayName: "开心果托育" },
    facilities: [
      { key: "gz-happy-1", name: "开心果托育（谷阳园）", jurisdictionCode: "340323", kind: "standalone", address: A("固镇县", "谷阳镇谷阳路 99 号"), children: [10, 12], builtDaysAgo: 350, filing: "filed", utilityCertificate: true },
      { key: "gz-happy-2", name: "开心果托育（城北园）", jurisdictionCode: "340323", kind: "standalone", address: A("固镇县", "城北新区 2 号楼"), children: [6, 8], builtDaysAgo: 18, filing: "overdue" },
    ],
  },
  {
    key: "gz-kg",
    name: "固镇县博爱幼儿园",
    uscc17: "52340323MJ2C3D4E5",
    jurisdictionCode: "340323",
    legalForm: "social_service_org",
    ownership: "private",
    operator: { username: "op-gz-kg", displayName: "固镇县博爱幼儿园" },
    facilities: [{ key: "gz-kg", name: "固镇县博爱幼儿园托班", jurisdictionCode: "340323", kind: "kindergarten_class", kindergartenOwnership: "inclusive_private", address: A("固镇县", "谷阳镇博爱路 1 号"), children: [0, 16], builtDaysAgo: 300, filing: "filed", reports: true }],
  },
  {
    key: "gz-food",
    name: "固镇县丰原食品有限公司",
    uscc17: "91340323MA2D4B5C6",
    jurisdictionCode: "340323",
    legalForm: "company",
    ownership: "private",
    operator: { username: "op-gz-food", displayName: "丰原食品职工托育室" },
    facilities: [
      {
        key: "gz-food",
        name: "丰原食品职工托育室",
        jurisdictionCode: "340323",
        kind: "employer_run",
        address: A("固镇县", "经济开发区食品大道 1 号"),
        children: [6, 8],
        builtDaysAgo: 320,
        filing: "filed",
        employer: { park: "固镇经济开发区", mainlyOwn: true, openToOthers: false, openToResidents: true, reservedSlots: 15 },
      },
    ],
  },
  // ---- 阿拉尔市 (659002) ------------------------------------------------------------------------------
  {
    key: "alar",
    name: "阿拉尔市幸福里托育中心",
    uscc17: "52659002MJ0A1B2C3",
    jurisdictionCode: "659002",
    legalForm: "social_service_org",
    ownership: "private",
    operator: { username: "al-operator", displayName: "阿拉尔示例运营方（幸福里托育）" },
    facilities: [
      { key: "xfl-main", name: "幸福里托育中心（塔河大道园）", jurisdictionCode: "659002", kind: "standalone", address: "阿拉尔市塔河大道 36 号", children: [12, 14], builtDaysAgo: 500, filing: "filed", inclusive: "certified", utilityCertificate: true, meals: true },
      { key: "xfl-2", name: "幸福里托育中心（军垦路园）", jurisdictionCode: "659002", kind: "community_embedded", address: "阿拉尔市军垦路社区二楼", children: [8, 10], builtDaysAgo: 22, filing: "submitted", expiringSoon: true },
      { key: "xfl-3", name: "幸福里托育中心（胜利园，筹建中）", jurisdictionCode: "659002", kind: "standalone", address: "阿拉尔市胜利大道 9 号", children: [6, 6], builtDaysAgo: 5, filing: "draft", missingProof: true },
    ],
  },
  {
    key: "alar-brand",
    name: "第一师阿拉尔市托育服务中心",
    uscc17: "12659002MB5N6P7Q8",
    jurisdictionCode: "659002",
    legalForm: "public_institution",
    ownership: "public",
    operator: { username: "op-alar-brand", displayName: "一师托育服务中心" },
    facilities: [
      { key: "brand-centre", name: "一师托育服务中心（总园）", jurisdictionCode: "659002", kind: "standalone", address: "阿拉尔市青松路 1 号", children: [14, 18], builtDaysAgo: 520, filing: "filed", utilityCertificate: true },
      { key: "brand-jyc", name: "一师托育服务中心金银川镇分中心", jurisdictionCode: "659002101", kind: "standalone", address: "金银川镇（示例）团结路 8 号", children: [8, 12], builtDaysAgo: 300, filing: "filed", utilityCertificate: true },
      { key: "brand-sc", name: "一师托育服务中心双城镇分园", jurisdictionCode: "659002102", kind: "community_embedded", address: "双城镇（示例）人民路 15 号", children: [6, 8], builtDaysAgo: 11, filing: "submitted" },
    ],
  },
  {
    key: "alar-kg",
    name: "阿拉尔市第二幼儿园",
    uscc17: "12659002MB6Q7R8T9",
    jurisdictionCode: "659002",
    legalForm: "public_institution",
    ownership: "public",
    operator: { username: "op-alar-kg", displayName: "阿拉尔市第二幼儿园" },
    facilities: [{ key: "alar-kg", name: "阿拉尔市第二幼儿园托班", jurisdictionCode: "659002", kind: "kindergarten_class", kindergartenOwnership: "public", address: "阿拉尔市幸福路 66 号", children: [0, 18], builtDaysAgo: 400, filing: "filed" }],
  },
  {
    key: "alar-cotton",
    name: "新疆塔里木棉业有限公司",
    uscc17: "91659002MA7E8F9G1",
    jurisdictionCode: "659002",
    legalForm: "company",
    ownership: "state_owned_enterprise",
    operator: { username: "op-alar-cotton", displayName: "塔里木棉业职工托育中心" },
    facilities: [
      {
        key: "alar-cotton",
        name: "塔里木棉业职工托育中心",
        jurisdictionCode: "659002103",
        kind: "employer_run",
        address: "沙河镇（示例）棉纺路 2 号",
        children: [8, 10],
        builtDaysAgo: 380,
        filing: "filed",
        employer: { park: "阿拉尔经济技术开发区", mainlyOwn: true, openToOthers: true, openToResidents: false, reservedSlots: 20 },
      },
      { key: "alar-cotton-2", name: "塔里木棉业职工托育中心（二分园）", jurisdictionCode: "659002103", kind: "employer_run", address: "沙河镇（示例）棉纺路 18 号", children: [6, 6], builtDaysAgo: 200, filing: "cancelled" },
    ],
  },
];

// Smaller operators, each with one filed facility, so every county's directory and queues look lived in.
const SMALL: Array<[key: string, county: string, district: string, org: string, facility: string, street: string, kind: FacilityKind, children: [number, number], builtDaysAgo: number]> = [
  ["lzh-bear", "340302", "龙子湖区", "蚌埠市龙子湖区小熊维尼托育服务部", "小熊托育（曹山路园）", "曹山路 12 号", "standalone", [8, 10], 260],
  ["lzh-tree", "340302", "龙子湖区", "蚌埠市龙子湖区大树托育有限公司", "大树托育（解放路园）", "解放路 301 号", "community_embedded", [6, 8], 210],
  ["bs-apple", "340303", "蚌山区", "蚌埠市蚌山区红苹果托育有限公司", "红苹果托育（胜利路园）", "胜利中路 77 号", "standalone", [10, 12], 280],
  ["bs-cloud", "340303", "蚌山区", "蚌埠市蚌山区白云朵托育服务有限公司", "白云朵托育（宏业村园）", "宏业路 5 号", "community_embedded", [6, 8], 190],
  ["yh-bamboo", "340304", "禹会区", "蚌埠市禹会区小竹笋托育有限公司", "小竹笋托育（涂山园）", "涂山东路 40 号", "standalone", [8, 12], 270],
  ["yh-star", "340304", "禹会区", "蚌埠市禹会区满天星托育服务部", "满天星托育（钓鱼台园）", "钓鱼台街道 9 号", "community_embedded", [6, 6], 170],
  ["hs-river", "340311", "淮上区", "蚌埠市淮上区淮河湾托育有限公司", "淮河湾托育（梅桥园）", "梅桥镇中心路 2 号", "standalone", [8, 10], 250],
  ["hs-seed", "340311", "淮上区", "蚌埠市淮上区小种子托育服务部", "小种子托育（曹老集园）", "曹老集镇站前路 6 号", "community_embedded", [6, 8], 160],
  ["hy-pomegranate", "340321", "怀远县", "怀远县石榴籽托育有限公司", "石榴籽托育（榴城园）", "城关镇榴城路 18 号", "standalone", [10, 12], 300],
  ["hy-wheat", "340321", "怀远县", "怀远县麦穗托育服务部", "麦穗托育（常坟园）", "常坟镇中心街 3 号", "community_embedded", [6, 8], 180],
  ["wh-crab", "340322", "五河县", "五河县小螃蟹托育有限公司", "小螃蟹托育（浍南园）", "浍南大道 66 号", "standalone", [8, 10], 240],
  ["wh-lotus", "340322", "五河县", "五河县荷花托育服务部", "荷花托育（小溪园）", "小溪镇荷花路 1 号", "community_embedded", [6, 6], 150],
  ["gz-rainbow", "340323", "固镇县", "固镇县彩虹桥托育有限公司", "彩虹桥托育（连城园）", "连城镇连城路 9 号", "standalone", [8, 10], 230],
  ["gz-bee", "340323", "固镇县", "固镇县小蜜蜂托育服务部", "小蜜蜂托育（新马桥园）", "新马桥镇中心路 12 号", "community_embedded", [6, 8], 140],
  ["al-poplar", "659002", "", "阿拉尔市胡杨林托育有限公司", "胡杨林托育（金银川路园）", "阿拉尔市金银川路 20 号", "standalone", [8, 10], 260],
  ["al-oasis", "659002", "", "阿拉尔市小绿洲托育服务部", "小绿洲托育（天山路园）", "阿拉尔市天山路 8 号", "community_embedded", [6, 8], 200],
];

const SMALL_USCC_ORG = ["MA2E5C6D7", "MA2F6D7E8", "MA2G7E8F9", "MA2H8F9G1", "MA2J9G1H2", "MA2K1H2J3", "MA2L2J3K4", "MA2M3K4L5", "MA2N4L5M6", "MA2P5M6N7", "MA2Q6N7P8", "MA2R7P8Q9", "MA2T8Q9R1", "MA2U9R1T2", "MA7A1T2U3", "MA7B2U3W4"];

for (const [i, [key, county, district, org, facility, street, kind, children, builtDaysAgo]] of SMALL.entries()) {
  DEMO_WORLD.push({
    key,
    name: org,
    uscc17: `${kind === "standalone" ? "91" : "92"}${county}${SMALL_USCC_ORG[i] ?? "MA2A1B2C3"}`,
    jurisdictionCode: county,
    legalForm: kind === "standalone" ? "company" : "individual_business",
    ownership: "private",
    operator: { username: `op-${key}`, displayName: facility.replace(/（.*）/, "") },
    facilities: [{ key, name: facility, jurisdictionCode: county, kind, address: `${district}${street}`, children, builtDaysAgo, filing: "filed", utilityCertificate: i % 3 === 0 }],
  });
}

/** The reviewer who decides filings in a county: the county's own where there is one, else the city's. */
export function reviewerFor(county: string): string {
  if (county === "340321") return "hy-reviewer";
  if (county === "340322") return "wh-reviewer";
  if (county === "340323") return "gz-staff";
  if (county.startsWith("659002")) return "al-reviewer";
  return "bb-reviewer";
}
