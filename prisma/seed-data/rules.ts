// Routing rules. Lower priority numbers win: a round's rule (1) beats keyword rules (10–50), which beat the
// category rules (100). 改进政府工作 and 其他 have no category rule on purpose, so that suggestions about them
// that mention no keyword land on the coordinators' triage list. Keywords are matched as jieba words.
import type { CategoryCode } from "./categories.ts";
import type { DepartmentCode } from "./departments.ts";
import type { RoundCode } from "./rounds.ts";

export interface RuleSeed {
  name: string;
  priority: number;
  active?: boolean;
  round?: RoundCode;
  category?: CategoryCode;
  /** GB/T 2260 code; the rule also covers the region's counties. */
  regionCode?: string;
  keywords?: readonly string[];
  department: DepartmentCode;
}

export const RULES: readonly RuleSeed[] = [
  // Themed rounds go to the department that owns the round.
  { name: "专题征集：加强社区工作者队伍建设", priority: 1, round: "SQGZ", department: "SWD" },
  { name: "专题征集：优化营商环境金点子", priority: 1, round: "YSHJ", department: "DRC" },
  { name: "专题征集：民生实事项目建议", priority: 1, round: "MSSS", department: "SWD" },

  // Keywords that point at one department whatever the category.
  { name: "医疗保障（医保、报销）", priority: 10, keywords: ["医保", "医疗保险", "报销", "异地就医", "门诊统筹"], department: "MEDICAL" },
  { name: "大连市海洋与海岸带", priority: 15, regionCode: "210200", keywords: ["海岸线", "海域", "海洋", "岸线"], department: "NR" },
  { name: "市场监管与食品安全", priority: 20, keywords: ["食品安全", "市场监管", "预付卡", "价格欺诈"], department: "SAMR" },
  { name: "就业、社保与工资", priority: 20, keywords: ["就业", "社保", "社会保险", "工资", "欠薪", "养老保险"], department: "HRSS" },
  { name: "供暖、物业与加装电梯", priority: 25, keywords: ["供暖", "供热", "物业", "加装电梯"], department: "HOUSING" },
  { name: "养老服务与社区", priority: 30, keywords: ["养老", "老年人", "社区", "助餐"], department: "CIVIL" },
  { name: "政务服务与数据", priority: 40, keywords: ["数据", "政务服务", "一网通办", "辽事通"], department: "DATA" },
  { name: "看病就医与托育", priority: 40, keywords: ["看病", "挂号", "家庭医生", "托育", "卫生院"], department: "HEALTH" },
  { name: "外贸与商贸流通", priority: 50, keywords: ["外贸", "外贸企业", "跨境电商", "夜间经济", "步行街"], department: "COMMERCE" },
  { name: "疫情防控（已停用）", priority: 50, active: false, keywords: ["疫情", "核酸"], department: "HEALTH" },

  // One department per category; GOVERNMENT and OTHER deliberately have none.
  { name: "经济发展类", priority: 100, category: "ECONOMY", department: "DRC" },
  { name: "民生服务类", priority: 100, category: "LIVELIHOOD", department: "CIVIL" },
  { name: "城市建设与管理类", priority: 100, category: "URBAN", department: "HOUSING" },
  { name: "生态环境类", priority: 100, category: "ECOLOGY", department: "ECO" },
  { name: "基层治理类", priority: 100, category: "GOVERNANCE", department: "CIVIL" },
  { name: "教育类", priority: 100, category: "EDUCATION", department: "EDU" },
  { name: "交通运输类", priority: 100, category: "TRANSPORT", department: "TRANSPORT" },
  { name: "文化旅游类", priority: 100, category: "CULTURE_TOURISM", department: "CULTURE" },
  { name: "乡村振兴类", priority: 100, category: "RURAL", department: "AGRI" },
];
