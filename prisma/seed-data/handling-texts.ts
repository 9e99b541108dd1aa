// Wording of the demo handling history: replies, event notes, extension and return reasons, ratings.
import type { AdoptionResult, NotAcceptedReason } from "../../src/generated/prisma/enums.ts";
import type { DepartmentCode } from "./departments.ts";

/** What each department says it will do next, at the end of a reply. */
export const DEPARTMENT_FOLLOW_UP: Readonly<Record<DepartmentCode, readonly string[]>> = {
  SWD: [
    "下一步，我部将把您的建议纳入全省社区工作者队伍建设政策研究，会同有关部门抓好落实。",
    "我部已将相关内容转化为工作措施，部署各市党委社会工作部结合实际推进。",
  ],
  DATA: [
    "下一步，我局将持续推进政务服务流程再造，加强部门间信息共享，让群众和企业办事更便捷。",
    "我局已将相关功能优化列入平台迭代计划，预计在下一版本中上线。",
  ],
  DRC: [
    "下一步，我委将会同有关部门抓好政策落实，持续跟踪评估实施效果。",
    "我委已将相关内容纳入年度重点工作，并在政策文件起草中予以吸收。",
  ],
  EDU: [
    "下一步，我厅将会同各市教育行政部门开展专项调研，完善相关工作制度，并加强督促检查。",
    "我厅已将相关内容写入年度工作要点，部署各地结合实际抓好落实。",
  ],
  CIVIL: [
    "下一步，我厅将指导各地民政部门结合实际推进落实，并适时开展专项督导。",
    "我厅已将相关措施纳入年度民生工作安排，会同有关部门统筹推进。",
  ],
  HRSS: [
    "下一步，我厅将进一步完善相关政策，加强经办服务，切实维护劳动者合法权益。",
    "我厅已部署各市人社部门开展专项行动，并将持续跟踪落实情况。",
  ],
  NR: [
    "下一步，我厅将在国土空间规划和生态修复工作中统筹考虑您的建议。",
    "我厅已将相关区域列入年度整治修复计划，分步组织实施。",
  ],
  ECO: [
    "下一步，我厅将加强监督执法，督促各地落实生态环境保护责任。",
    "我厅已将相关问题纳入年度污染防治攻坚重点任务，持续跟踪推进。",
  ],
  HOUSING: [
    "下一步，我厅将指导各市住建部门完善工作机制，加快推进相关项目实施。",
    "我厅已将相关内容纳入城市更新年度计划，加强督促指导。",
  ],
  TRANSPORT: [
    "下一步，我厅将指导各市交通运输部门优化服务供给，提升群众出行体验。",
    "我厅已将相关项目纳入年度交通运输民生实事，加快组织实施。",
  ],
  AGRI: [
    "下一步，我厅将加大政策和资金支持力度，指导各地因地制宜推进落实。",
    "我厅已将相关内容纳入乡村振兴年度重点任务，持续跟踪推进。",
  ],
  COMMERCE: [
    "下一步，我厅将会同有关部门完善支持政策，帮助企业拓市场、促消费。",
    "我厅已将相关措施纳入年度促消费、稳外贸工作安排。",
  ],
  CULTURE: [
    "下一步，我厅将整合全省文化旅游资源，丰富产品供给，提升服务质量。",
    "我厅已将相关内容纳入年度文旅工作要点，指导各地抓好落实。",
  ],
  HEALTH: [
    "下一步，我委将指导各级卫生健康部门改进服务，持续提升群众就医获得感。",
    "我委已将相关措施纳入年度卫生健康工作要点，加强督促落实。",
  ],
  SAMR: [
    "下一步，我局将进一步规范监管执法，持续优化市场环境。",
    "我局已将相关内容纳入年度重点工作，部署各市市场监管部门推进落实。",
  ],
  MEDICAL: [
    "下一步，我局将进一步优化经办服务，推动医保政策更加便民利民。",
    "我局已将相关措施纳入年度医保经办服务提升行动，加快推进实施。",
  ],
};

export const ADOPTION_OPENING: Readonly<Record<AdoptionResult, string>> = {
  ADOPTED: "您的建议针对性和可操作性较强，{self}经认真研究，予以采纳。",
  PARTIALLY_ADOPTED: "您的建议对改进我们的工作具有积极意义，{self}经认真研究，部分采纳。",
  FOR_REFERENCE: "您的建议具有一定参考价值，{self}将在研究制定相关政策时予以参考。",
  NOT_ADOPTED: "{self}对您的建议进行了认真研究，由于相关做法目前暂不具备实施条件，暂不采纳。",
};

export const ADOPTION_EXPLANATIONS: Readonly<Record<AdoptionResult, readonly string[]>> = {
  ADOPTED: [
    "建议内容已纳入年度重点工作安排，相关措施正在推进落实。",
    "建议内容已在近期出台的政策文件中予以体现。",
    "已部署各市结合实际组织实施，并将适时开展督导。",
    "已列入年度民生实事项目，年底前完成。",
  ],
  PARTIALLY_ADOPTED: [
    "建议中关于完善服务流程的内容已采纳；涉及资金投入的部分需统筹财力逐步推进。",
    "部分内容已在工作中落实，其余内容涉及国家层面政策调整，已向上级部门反映。",
    "建议中的试点做法将先在部分地区推行，视效果再逐步推广。",
  ],
  FOR_REFERENCE: [
    "建议涉及多个部门职责，已转送相关部门研究参考。",
    "将在编制下一阶段规划时统筹考虑。",
    "相关工作已有总体部署，建议内容将作为细化措施时的参考。",
  ],
  NOT_ADOPTED: [
    "建议做法与现行法律法规规定不一致。",
    "建议涉及的事项已有相应政策安排，近期暂无调整计划。",
    "受财力和实施条件限制，近期难以实施。",
  ],
};

export const ASSIST_REPLY =
  "我单位作为协办单位，已就建议涉及本部门职责的内容提出办理意见并报主办单位，将配合做好后续落实工作。";

export const NOT_ACCEPTED_NOTES: Readonly<Record<NotAcceptedReason, string>> = {
  COMPLAINT_OR_REQUEST: "经甄别，反映内容属于个人具体诉求，不属于人民建议征集范围，已告知建议人通过12345热线反映。",
  LEGAL_CHANNEL: "经甄别，反映事项应通过诉讼、仲裁、行政复议等法定途径解决，不予受理，已告知建议人。",
  IN_PETITION_CHANNEL: "经甄别，该事项已在信访渠道办理中，不重复受理。",
  PRIVATE_DISPUTE: "经甄别，反映内容属于民事纠纷，不属于人民建议征集范围，建议通过人民调解途径解决。",
  EMPTY_OR_UNLAWFUL: "经甄别，建议内容空泛，缺少具体问题和可行措施，不予受理。",
  DUPLICATE: "经甄别，与建议人此前提交的建议内容相同，不重复受理。",
};

/** Where a referral went and the office's note to the citizen (the app opens the history line with the channel). */
export const REFERRALS: readonly { channel: "HOTLINE_12345" | "PETITION"; note: string }[] = [
  { channel: "HOTLINE_12345", note: "经甄别，该件属于具体诉求事项，已告知建议人。" },
  { channel: "PETITION", note: "经甄别，该件属于投诉类事项，已告知建议人。" },
];

/**
 * History lines of the demo that the app itself does not write (it writes no note when a suggestion is submitted,
 * signed for or replied to, and closes only by rating or at the end of the rating window): in both languages, as
 * the app's own system notes are.
 */
export const DEMO_NOTES = {
  submitted: { note: "建议人在线提交建议", noteEn: "Submitted online by the citizen" },
  signed: { note: "已签收，正在办理", noteEn: "Signed for; being handled" },
  closed: { note: "答复结果已反馈建议人", noteEn: "The reply has been passed on to the citizen" },
  replied: (department: { name: string; nameEn: string }, adoption: { zh: string; en: string }) => ({
    note: `${department.name}已答复，办理结果：${adoption.zh}`,
    noteEn: `${department.nameEn} replied: ${adoption.en}`,
  }),
} as const;

export const ACCEPT_NOTES: readonly string[] = [
  "经甄别，符合人民建议受理条件，予以受理。",
  "建议内容具体、措施可行，予以受理。",
  "予以受理。",
];

export const RETURN_REASONS: readonly string[] = [
  "该建议主要涉及其他部门职责，不属于本单位职能范围，申请退回重新交办。",
  "建议内容涉及市级事权，建议交由属地办理。",
  "该事项主管部门已调整，申请退回重新交办。",
];

export const EXTENSION_REASONS: readonly string[] = [
  "建议涉及多个部门，需会商研究，申请延期办理。",
  "需赴基层开展实地调研，申请延期办理。",
  "相关政策正在修订中，需待修订完成后统一答复，申请延期。",
];

export const EXTENSION_DECISIONS: readonly string[] = [
  "同意延期，请在延期期限内办结答复。",
  "同意。请抓紧办理，按时答复。",
];

export const EXTENSION_REFUSALS: readonly string[] = [
  "理由不充分，请按原期限办结。",
];

export const RATING_COMMENTS: Readonly<Record<number, readonly string[]>> = {
  5: ["答复很详细，感谢！", "没想到建议真的被采纳了，很感动。", "办理认真，点赞。", "工作人员还专门打电话沟通，非常满意。"],
  4: ["答复及时，希望尽快落实。", "总体满意，期待后续效果。", "答复比较具体。"],
  3: ["答复有些笼统。", "希望能有更具体的措施和时间表。"],
  2: ["答复没有回应我提出的具体问题。"],
  1: ["答复敷衍。"],
};
