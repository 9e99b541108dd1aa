// Demo accounts. The README and the tests read this list, so it is the one place their emails and password live.
import type { Role } from "../../src/generated/prisma/enums.ts";
import { departmentSeed, type DepartmentCode } from "./departments.ts";

export const DEMO_PASSWORD = "GoldenIdeas#2026";

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  departmentCode: DepartmentCode | null;
  /** The department's Chinese name, for the README table; null for the administrator. */
  departmentName: string | null;
  isHead: boolean;
  password: string;
}

function account(
  email: string, name: string, role: Role, departmentCode: DepartmentCode | null, isHead = false,
): DemoAccount {
  return {
    email, name, role, departmentCode, isHead,
    departmentName: departmentCode ? departmentSeed(departmentCode).name : null,
    password: DEMO_PASSWORD,
  };
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  account("admin@demo.example", "赵立新", "ADMIN", null),
  account("coordinator@demo.example", "刘晓燕", "COORDINATOR", "SWD"),
  account("official.swd@demo.example", "孙海峰", "OFFICIAL", "SWD"),
  account("official.edu@demo.example", "李静", "OFFICIAL", "EDU"),
  account("head.edu@demo.example", "张国华", "OFFICIAL", "EDU", true),
  account("official.transport@demo.example", "王磊", "OFFICIAL", "TRANSPORT"),
  account("head.transport@demo.example", "陈建军", "OFFICIAL", "TRANSPORT", true),
  account("official.civil@demo.example", "杨丽", "OFFICIAL", "CIVIL"),
  account("head.civil@demo.example", "周长明", "OFFICIAL", "CIVIL", true),
  account("official.medical@demo.example", "吴秀梅", "OFFICIAL", "MEDICAL"),
  account("head.medical@demo.example", "徐志强", "OFFICIAL", "MEDICAL", true),
  account("official.housing@demo.example", "马俊", "OFFICIAL", "HOUSING"),
  account("head.housing@demo.example", "高振宇", "OFFICIAL", "HOUSING", true),
  account("official.data@demo.example", "郭婷", "OFFICIAL", "DATA"),
  account("official.drc@demo.example", "何鹏", "OFFICIAL", "DRC"),
  account("official.hrss@demo.example", "林雪", "OFFICIAL", "HRSS"),
  account("official.nr@demo.example", "罗刚", "OFFICIAL", "NR"),
  account("official.eco@demo.example", "郑洁", "OFFICIAL", "ECO"),
  account("official.agri@demo.example", "韩冬", "OFFICIAL", "AGRI"),
  account("official.commerce@demo.example", "冯雅琴", "OFFICIAL", "COMMERCE"),
  account("official.culture@demo.example", "曹宇", "OFFICIAL", "CULTURE"),
  account("official.health@demo.example", "邓红", "OFFICIAL", "HEALTH"),
  account("official.samr@demo.example", "谢文博", "OFFICIAL", "SAMR"),
];

export function demoAccount(email: string): DemoAccount {
  const found = DEMO_ACCOUNTS.find((a) => a.email === email);
  if (!found) throw new Error(`no demo account ${email}`);
  return found;
}
