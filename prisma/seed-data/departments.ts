// Provincial departments that receive suggestions. Addresses use the reserved .example TLD so that a demo
// installation can never mail a real government mailbox.

export const DEPARTMENT_CODES = [
  "SWD", "DATA", "DRC", "EDU", "CIVIL", "HRSS", "NR", "ECO", "HOUSING",
  "TRANSPORT", "AGRI", "COMMERCE", "CULTURE", "HEALTH", "SAMR", "MEDICAL",
] as const;

export type DepartmentCode = (typeof DEPARTMENT_CODES)[number];

export interface DepartmentSeed {
  code: DepartmentCode;
  name: string;
  /** The name used in running text ("我厅", replies): 省教育厅 → 教育厅. */
  shortName: string;
  /** How the department refers to itself in a reply: 我厅 / 我委 / 我局 / 我部. */
  selfName: string;
  nameEn: string;
  email: string;
  headEmail: string;
}

const DOMAIN = "ln.gov.cn.example";

function dept(
  code: DepartmentCode, name: string, shortName: string, selfName: string, nameEn: string, mailbox: string,
): DepartmentSeed {
  return {
    code, name, shortName, selfName, nameEn,
    email: `${mailbox}@${DOMAIN}`,
    headEmail: `${mailbox}.head@${DOMAIN}`,
  };
}

export const DEPARTMENTS: readonly DepartmentSeed[] = [
  dept("SWD", "省委社会工作部", "省委社会工作部", "我部", "Social Work Department of the CPC Liaoning Provincial Committee", "shgzb"),
  dept("DATA", "省数据局", "省数据局", "我局", "Liaoning Provincial Data Bureau", "sjj"),
  dept("DRC", "省发展和改革委员会", "省发展改革委", "我委", "Liaoning Provincial Development and Reform Commission", "fgw"),
  dept("EDU", "省教育厅", "省教育厅", "我厅", "Department of Education of Liaoning Province", "jyt"),
  dept("CIVIL", "省民政厅", "省民政厅", "我厅", "Department of Civil Affairs of Liaoning Province", "mzt"),
  dept("HRSS", "省人力资源和社会保障厅", "省人社厅", "我厅", "Department of Human Resources and Social Security of Liaoning Province", "rst"),
  dept("NR", "省自然资源厅", "省自然资源厅", "我厅", "Department of Natural Resources of Liaoning Province", "zrzyt"),
  dept("ECO", "省生态环境厅", "省生态环境厅", "我厅", "Department of Ecology and Environment of Liaoning Province", "sthjt"),
  dept("HOUSING", "省住房和城乡建设厅", "省住建厅", "我厅", "Department of Housing and Urban-Rural Development of Liaoning Province", "zjt"),
  dept("TRANSPORT", "省交通运输厅", "省交通运输厅", "我厅", "Department of Transport of Liaoning Province", "jtt"),
  dept("AGRI", "省农业农村厅", "省农业农村厅", "我厅", "Department of Agriculture and Rural Affairs of Liaoning Province", "nynct"),
  dept("COMMERCE", "省商务厅", "省商务厅", "我厅", "Department of Commerce of Liaoning Province", "swt"),
  dept("CULTURE", "省文化和旅游厅", "省文旅厅", "我厅", "Department of Culture and Tourism of Liaoning Province", "whlyt"),
  dept("HEALTH", "省卫生健康委员会", "省卫生健康委", "我委", "Health Commission of Liaoning Province", "wsjkw"),
  dept("SAMR", "省市场监督管理局", "省市场监管局", "我局", "Liaoning Provincial Administration for Market Regulation", "scjgj"),
  dept("MEDICAL", "省医疗保障局", "省医保局", "我局", "Liaoning Provincial Healthcare Security Administration", "ybj"),
];

export function departmentSeed(code: DepartmentCode): DepartmentSeed {
  const found = DEPARTMENTS.find((d) => d.code === code);
  if (!found) throw new Error(`unknown department ${code}`);
  return found;
}
