// Policy measures that adopted suggestions turned into (建议转化为政策举措). Each is linked to adopted
// suggestions whose lead department or round matches and whose reply came before the measure was issued.
import type { PolicyMeasureType } from "../../src/generated/prisma/enums.ts";
import type { DepartmentCode } from "./departments.ts";
import type { RoundCode } from "./rounds.ts";
import type { CategoryCode } from "./categories.ts";

export interface PolicyMeasureSeed {
  type: PolicyMeasureType;
  /** {year} is the year the measure was issued. */
  title: string;
  docNumber: string | null;
  issuingBody: string;
  /** Days before the seed's "now". */
  issuedDaysAgo: number;
  url: string | null;
  match: { departments?: readonly DepartmentCode[]; categories?: readonly CategoryCode[]; round?: RoundCode };
  /** Suggestion templates this measure answers most directly; linked first. */
  prefer?: readonly string[];
  /** How many suggestions to link at most (at least two when there are enough candidates). */
  links: number;
}

export const POLICY_MEASURES: readonly PolicyMeasureSeed[] = [
  {
    type: "WORK_MEASURE",
    title: "关于加快发展社区老年助餐服务的实施方案",
    docNumber: "辽民发〔{year}〕27号",
    issuingBody: "辽宁省民政厅",
    issuedDaysAgo: 70,
    url: "https://mzt.ln.gov.cn.example/zfxxgk/fdzdgknr/lnzc.html",
    match: { departments: ["CIVIL"] },
    prefer: ["liv-meals"],
    links: 4,
  },
  {
    type: "POLICY_DOCUMENT",
    title: "辽宁省关于进一步加强社区工作者队伍建设的若干措施",
    docNumber: "辽委办发〔{year}〕12号",
    issuingBody: "中共辽宁省委办公厅 辽宁省人民政府办公厅",
    issuedDaysAgo: 60,
    url: "https://www.ln.gov.cn.example/web/zwgkx/zfwj/szfbgtwj/sqgzz.shtml",
    match: { categories: ["GOVERNANCE"], departments: ["SWD"] },
    prefer: ["gov-grid", "gov-forms", "gov-volunteer", "gov-council"],
    links: 4,
  },
  {
    type: "NORMATIVE_DOCUMENT",
    title: "辽宁省进一步优化营商环境若干措施",
    docNumber: "辽政办发〔{year}〕18号",
    issuingBody: "辽宁省人民政府办公厅",
    issuedDaysAgo: 140,
    url: "https://www.ln.gov.cn.example/web/zwgkx/zfwj/szfbgtwj/yshj.shtml",
    match: { round: "YSHJ" },
    links: 5,
  },
  {
    type: "NORMATIVE_DOCUMENT",
    title: "关于进一步做好跨省异地就医直接结算工作的通知",
    docNumber: "辽医保发〔{year}〕9号",
    issuingBody: "辽宁省医疗保障局",
    issuedDaysAgo: 90,
    url: "https://ybj.ln.gov.cn.example/zfxxgk/fdzdgknr/ydjy.html",
    match: { departments: ["MEDICAL"] },
    prefer: ["liv-remote-medical", "liv-outpatient"],
    links: 3,
  },
  {
    type: "PRACTICAL_PROJECT",
    title: "{year}年省政府民生实事：城乡公交一体化提升工程",
    docNumber: null,
    issuingBody: "辽宁省交通运输厅",
    issuedDaysAgo: 100,
    url: null,
    match: { departments: ["TRANSPORT"] },
    prefer: ["tra-rural-bus", "tra-city-bus", "tra-roads"],
    links: 3,
  },
  {
    type: "WORK_MEASURE",
    title: "全省城镇老旧小区改造和既有住宅加装电梯工作方案",
    docNumber: "辽住建发〔{year}〕33号",
    issuingBody: "辽宁省住房和城乡建设厅",
    issuedDaysAgo: 45,
    url: "https://zjt.ln.gov.cn.example/zfxxgk/tzgg/jzdt.html",
    match: { departments: ["HOUSING"] },
    prefer: ["urb-elevator", "urb-property", "liv-heating"],
    links: 3,
  },
  {
    type: "LEGISLATION",
    title: "辽宁省学前教育条例",
    docNumber: "辽宁省人民代表大会常务委员会公告第36号",
    issuingBody: "辽宁省人民代表大会常务委员会",
    issuedDaysAgo: 30,
    url: "https://www.lnrd.gov.cn.example/lfgz/dfxfg/xqjy.html",
    match: { departments: ["EDU"] },
    prefer: ["edu-kindergarten"],
    links: 2,
  },
];
