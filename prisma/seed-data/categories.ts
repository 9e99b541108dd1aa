// Suggestion categories as used by Liaoning's and other provinces' collection platforms (see domain-notes.md).

export const CATEGORY_CODES = [
  "ECONOMY", "LIVELIHOOD", "URBAN", "ECOLOGY", "GOVERNANCE", "EDUCATION",
  "TRANSPORT", "CULTURE_TOURISM", "RURAL", "GOVERNMENT", "OTHER",
] as const;

export type CategoryCode = (typeof CATEGORY_CODES)[number];

export interface CategorySeed {
  code: CategoryCode;
  name: string;
  nameEn: string;
  sortOrder: number;
}

export const CATEGORIES: readonly CategorySeed[] = [
  { code: "ECONOMY", name: "经济发展", nameEn: "Economic development", sortOrder: 10 },
  { code: "LIVELIHOOD", name: "民生服务", nameEn: "Public services and livelihood", sortOrder: 20 },
  { code: "URBAN", name: "城市建设与管理", nameEn: "Urban construction and management", sortOrder: 30 },
  { code: "ECOLOGY", name: "生态环境", nameEn: "Ecology and environment", sortOrder: 40 },
  { code: "GOVERNANCE", name: "基层治理", nameEn: "Community-level governance", sortOrder: 50 },
  { code: "EDUCATION", name: "教育", nameEn: "Education", sortOrder: 60 },
  { code: "TRANSPORT", name: "交通运输", nameEn: "Transport", sortOrder: 70 },
  { code: "CULTURE_TOURISM", name: "文化旅游", nameEn: "Culture and tourism", sortOrder: 80 },
  { code: "RURAL", name: "乡村振兴", nameEn: "Rural revitalisation", sortOrder: 90 },
  { code: "GOVERNMENT", name: "改进政府工作", nameEn: "Improving government work", sortOrder: 100 },
  { code: "OTHER", name: "其他", nameEn: "Other", sortOrder: 110 },
];
