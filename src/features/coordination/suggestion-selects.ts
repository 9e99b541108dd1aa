// The Prisma selections the office's reads share: a bilingual name, and a region with its parents.
import type { Named } from "../../platform/i18n.ts";

export type { Named };

export interface RegionWithParents extends Named {
  parent: (Named & { parent: Named | null }) | null;
}

export const NAMED = { select: { name: true, nameEn: true } } as const;
// Regions are at most three levels deep (province → city → county).
export const REGION_PATH = { select: { name: true, nameEn: true, parent: { select: { name: true, nameEn: true, parent: NAMED } } } } as const;
