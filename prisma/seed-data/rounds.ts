// Themed collection rounds (专题征集). Dates are relative to the seed's "now" so the demo always has one round
// open, one finished earlier in the year and one being drafted.
import type { RoundStatus } from "../../src/generated/prisma/enums.ts";
import type { CategoryCode } from "./categories.ts";
import type { DepartmentCode } from "./departments.ts";

export type RoundCode = "SQGZ" | "YSHJ" | "MSSS";

export interface RoundTopicSeed {
  title: string;
  titleEn: string;
  /** Category given to suggestions on this topic. */
  category: CategoryCode;
}

export interface RoundSeed {
  code: RoundCode;
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
  status: RoundStatus;
  opensAt: Date;
  closesAt: Date;
  createdAt: Date;
  owner: DepartmentCode;
  topics: readonly RoundTopicSeed[];
  /** The results section of a closed round (see features/rounds), published a week after the close. */
  results?: { zh: string; en: string };
  publishAdopted?: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Midnight in Shanghai, `days` days from `now`'s Shanghai day. */
function shanghaiMidnight(now: Date, days: number): Date {
  const day = Math.floor((now.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) + days;
  return new Date(day * DAY_MS - SHANGHAI_OFFSET_MS);
}

function shanghaiParts(date: Date): { y: number; m: number; d: number } {
  const shifted = new Date(date.getTime() + SHANGHAI_OFFSET_MS);
  return { y: shifted.getUTCFullYear(), m: shifted.getUTCMonth() + 1, d: shifted.getUTCDate() };
}

function zhDate(date: Date): string {
  const { y, m, d } = shanghaiParts(date);
  return `${y}年${m}月${d}日`;
}

const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function enDate(date: Date): string {
  const { y, m, d } = shanghaiParts(date);
  return `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/** The last millisecond of a Shanghai day, so a round "closing on the 30th" accepts the whole of the 30th. */
function endOfShanghaiDay(now: Date, days: number): Date {
  return new Date(shanghaiMidnight(now, days + 1).getTime() - 1);
}

export const SQGZ_TOPICS: readonly RoundTopicSeed[] = [
  { title: "职业发展与激励", titleEn: "Career development and incentives", category: "GOVERNANCE" },
  { title: "减负增效", titleEn: "Less red tape, more effective work", category: "GOVERNANCE" },
  { title: "培训与能力建设", titleEn: "Training and capacity building", category: "GOVERNANCE" },
  { title: "薪酬待遇保障", titleEn: "Pay and benefits", category: "GOVERNANCE" },
  { title: "数字化赋能", titleEn: "Digital tools", category: "GOVERNANCE" },
  { title: "其他建议", titleEn: "Other suggestions", category: "GOVERNANCE" },
];

export const YSHJ_TOPICS: readonly RoundTopicSeed[] = [
  { title: "政务服务效能提升", titleEn: "More efficient government services", category: "GOVERNMENT" },
  { title: "市场准入与公平竞争", titleEn: "Market access and fair competition", category: "ECONOMY" },
  { title: "惠企政策落实与涉企服务", titleEn: "Support policies and services for enterprises", category: "ECONOMY" },
  { title: "法治环境与权益保护", titleEn: "Rule of law and protection of rights", category: "ECONOMY" },
  { title: "其他建议", titleEn: "Other suggestions", category: "ECONOMY" },
];

export const MSSS_TOPICS: readonly RoundTopicSeed[] = [
  { title: "养老托育", titleEn: "Elderly care and childcare", category: "LIVELIHOOD" },
  { title: "医疗卫生", titleEn: "Health care", category: "LIVELIHOOD" },
  { title: "教育文化", titleEn: "Education and culture", category: "EDUCATION" },
  { title: "城乡建设", titleEn: "Urban and rural construction", category: "URBAN" },
  { title: "就业和社会保障", titleEn: "Employment and social security", category: "LIVELIHOOD" },
];

function sqgzBody(opensAt: Date, closesAt: Date): { zh: string; en: string } {
  const zh = `为深入贯彻落实党中央关于加强社区工作者队伍建设的决策部署，进一步建强基层治理骨干力量，省委社会工作部现面向社会公开征集“加强社区工作者队伍建设”专题人民建议。有关事项公告如下。

一、征集背景
社区工作者是基层治理的骨干力量，是党和政府联系服务群众的“最后一公里”。近年来，我省社区工作者队伍规模不断扩大、结构持续优化，但仍不同程度存在职业吸引力不强、事务负担较重、成长通道不畅等问题。为广泛汇聚民智、凝聚共识，推动出台更加务实管用的政策措施，特开展本次专题征集。

二、征集内容
欢迎围绕以下方面提出意见建议：
（一）职业发展与激励：完善岗位等级序列，拓宽晋升和发展渠道，健全表彰激励机制等；
（二）减负增效：规范社区工作事项准入，精简考核评比和填表报数，整治“指尖上的形式主义”等；
（三）培训与能力建设：健全分级分类培训体系，提升群众工作、矛盾调处和应急处置能力等；
（四）薪酬待遇保障：落实薪酬正常增长机制，完善社会保险、带薪休假等保障措施；
（五）数字化赋能：推动基层报表“一表通”、信息共享和智能工具应用等；
（六）其他建议：与社区工作者队伍建设相关的其他意见建议。

三、征集时间
${zhDate(opensAt)}至${zhDate(closesAt)}。

四、参与方式
登录辽宁省人民建议征集平台，进入“专题征集”栏目在线提交。

五、有关要求
1. 建议标题请采用“关于……的建议”的形式，内容应包括存在的问题、原因分析和具体措施，做到观点明确、措施具体、具有可操作性。
2. 每件建议只围绕一个主题，并选择对应的征集子题目。
3. 请如实填写真实姓名和有效联系方式，以便沟通反馈。个人信息严格保密，未经本人同意不对外公开。
4. 涉及个人诉求、投诉举报、涉法涉诉等事项，请通过相应法定途径反映，本次征集不予受理。

六、成果运用
征集办将对收到的建议逐件登记、分类研究，对具有较高价值的建议交有关部门研究办理，并在政策制定中吸收采纳。被采纳的优秀建议将按规定纳入年度人民建议奖评选，并视情在平台公开（隐去个人信息）。

感谢社会各界的关心与支持！

中共辽宁省委社会工作部
${zhDate(opensAt)}`;

  const en = `To put into practice the central authorities' decisions on building up the community worker workforce and to strengthen the backbone of community-level governance, the Social Work Department of the CPC Liaoning Provincial Committee invites the public to submit suggestions on "Strengthening the community worker workforce".

1. Background
Community workers are the backbone of community-level governance and the "last mile" between the government and the people it serves. The province's community workforce has grown and improved in recent years, yet the job is still not attractive enough, the administrative burden is heavy and career paths are unclear. This round gathers ideas from the public so that the measures that follow are practical and effective.

2. What we are looking for
Suggestions on any of these sub-topics:
(1) Career development and incentives: grade structures, promotion paths, recognition and awards;
(2) Less red tape, more effective work: controlling the tasks handed down to communities, fewer evaluations, forms and reports, ending "formalism at the fingertips";
(3) Training and capacity building: tiered training, skills for working with residents, mediating disputes and handling emergencies;
(4) Pay and benefits: regular pay increases, social insurance, paid leave;
(5) Digital tools: one shared form for community reporting, data sharing, smart tools;
(6) Other suggestions on the community workforce.

3. Period
${enDate(opensAt)} to ${enDate(closesAt)}.

4. How to take part
Submit online on the Liaoning Citizen Suggestions platform under "Themed rounds".

5. Requirements
1. Title your suggestion "Suggestion on …" (关于……的建议) and describe the problem, its causes and concrete measures.
2. One topic per suggestion; choose the matching sub-topic.
3. Give your real name and a valid phone number so that we can reply. Your personal data is kept confidential and never published without your consent.
4. Personal requests, complaints, reports of wrongdoing and matters before the courts belong to their legal channels and are not accepted in this round.

6. How the results are used
Every suggestion is registered and studied; valuable ones are passed to the responsible departments and taken into account in policy making. Adopted suggestions are considered for the annual Citizen Suggestion Award and may be published without personal data.

Thank you for your support!

Social Work Department of the CPC Liaoning Provincial Committee
${enDate(opensAt)}`;
  return { zh, en };
}

function yshjBody(opensAt: Date, closesAt: Date): { zh: string; en: string } {
  const zh = `营商环境是发展的“软实力”和“硬支撑”。为深入推进营商环境建设，进一步激发经营主体活力，省发展改革委会同省委社会工作部面向社会公开征集优化营商环境“金点子”。

一、征集内容
围绕政务服务效能提升、市场准入与公平竞争、惠企政策落实与涉企服务、法治环境与权益保护等方面，提出您在办事创业过程中发现的问题和改进建议。

二、征集时间
${zhDate(opensAt)}至${zhDate(closesAt)}。

三、有关要求
建议标题采用“关于……的建议”的形式，一事一议，内容客观真实、措施具体可行。请如实填写姓名和联系方式，个人信息严格保密。反映具体涉企投诉事项的，请通过12345热线或营商环境监督渠道反映。

四、成果运用
征集到的建议将逐件研究办理，优秀建议将吸收到我省优化营商环境政策措施中，并择优予以通报表扬。

辽宁省发展和改革委员会
中共辽宁省委社会工作部
${zhDate(opensAt)}`;
  const en = `A good business environment is both the "soft power" and the "hard support" of development. The Liaoning Provincial Development and Reform Commission, with the Social Work Department, invites golden ideas for improving the business environment.

1. What we are looking for
Problems you met when dealing with the government or running a business, and how to fix them: efficiency of government services, market access and fair competition, support policies and services for enterprises, rule of law and protection of rights.

2. Period
${enDate(opensAt)} to ${enDate(closesAt)}.

3. Requirements
Title your suggestion "Suggestion on …", one matter per suggestion, factual and with concrete measures. Give your real name and contact details; they are kept confidential. Individual complaints about a business matter belong to the 12345 hotline.

4. How the results are used
Every suggestion is studied; the best are built into the province's measures to improve the business environment and publicly commended.

Liaoning Provincial Development and Reform Commission
Social Work Department of the CPC Liaoning Provincial Committee
${enDate(opensAt)}`;
  return { zh, en };
}

function msssBody(opensAt: Date, closesAt: Date, year: number): { zh: string; en: string } {
  const zh = `为把民生实事办到群众心坎上，省委社会工作部现面向社会征集${year}年省政府民生实事项目建议。请围绕养老托育、医疗卫生、教育文化、城乡建设、就业和社会保障等方面，提出群众急难愁盼、可在一年内见到实效的项目建议。

征集时间：${zhDate(opensAt)}至${zhDate(closesAt)}。

建议请写明项目名称、实施内容、受益群体和预期效果，一事一议。征集结果将作为研究确定${year}年省政府民生实事项目的重要参考。

（本公告为草稿，发布前请核对征集时间和子题目。）`;
  const en = `The Social Work Department invites proposals for the provincial government's ${year} list of practical projects for people's livelihood: elderly care and childcare, health care, education and culture, urban and rural construction, employment and social security. Proposals should meet pressing needs and show results within one year.

Period: ${enDate(opensAt)} to ${enDate(closesAt)}.

Please give the project's name, what it would do, who benefits and the expected results, one project per suggestion. The proposals will inform the choice of the ${year} projects.

(Draft: check the dates and sub-topics before publishing.)`;
  return { zh, en };
}

/** The three demo rounds, dated relative to `now`. */
export function roundSeeds(now: Date): RoundSeed[] {
  const sqgzOpens = shanghaiMidnight(now, -21);
  const sqgzCloses = endOfShanghaiDay(now, 35);
  const yshjOpens = shanghaiMidnight(now, -260);
  const yshjCloses = endOfShanghaiDay(now, -200);
  const msssOpens = shanghaiMidnight(now, 14);
  const msssCloses = endOfShanghaiDay(now, 45);
  const nextYear = shanghaiParts(now).y + 1;
  const sqgz = sqgzBody(sqgzOpens, sqgzCloses);
  const yshj = yshjBody(yshjOpens, yshjCloses);
  const msss = msssBody(msssOpens, msssCloses, nextYear);
  return [
    {
      code: "SQGZ", title: "加强社区工作者队伍建设", titleEn: "Strengthening the community worker workforce",
      body: sqgz.zh, bodyEn: sqgz.en, status: "OPEN", opensAt: sqgzOpens, closesAt: sqgzCloses,
      createdAt: new Date(sqgzOpens.getTime() - 6 * DAY_MS), owner: "SWD", topics: SQGZ_TOPICS,
    },
    {
      code: "YSHJ", title: "优化营商环境金点子征集", titleEn: "Golden ideas for a better business environment",
      body: yshj.zh, bodyEn: yshj.en, status: "CLOSED", opensAt: yshjOpens, closesAt: yshjCloses,
      createdAt: new Date(yshjOpens.getTime() - 9 * DAY_MS), owner: "DRC", topics: YSHJ_TOPICS,
      publishAdopted: true,
      results: {
        zh: "本次征集收到的建议已全部登记并交有关部门研究办理。涉及政务服务“一网通办”、涉企收费清单公开、惠企政策免申即享等方面的建议已被吸收到我省优化营商环境政策措施中。感谢大家的参与！",
        en: "Every suggestion received has been registered and passed to the departments concerned. Ideas on one-stop online services, public lists of fees charged to businesses and support that businesses receive without applying have been built into the province's measures for a better business environment. Thank you for taking part!",
      },
    },
    {
      code: "MSSS", title: `${nextYear}年省政府民生实事项目建议征集`,
      titleEn: `Proposals for the ${nextYear} provincial livelihood projects`,
      body: msss.zh, bodyEn: msss.en, status: "DRAFT", opensAt: msssOpens, closesAt: msssCloses,
      createdAt: new Date(now.getTime() - 2 * DAY_MS), owner: "SWD", topics: MSSS_TOPICS,
    },
  ];
}
