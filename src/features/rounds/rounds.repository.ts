// Reads of the themed rounds the public sees. Functions taking the root client or a transaction client first.
import type { DbClient } from "../../platform/db.ts";
import type { RoundStatus } from "../../generated/prisma/enums.ts";
import type { Prisma } from "../../generated/prisma/client.ts";

export interface RoundTopicRow {
  id: number;
  title: string;
  titleEn: string;
}

/** A round's call for suggestions (征集公告), each part in both languages. */
export interface RoundCall {
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
  wanted: string;
  wantedEn: string;
  excluded: string;
  excludedEn: string;
  resultsUse: string;
  resultsUseEn: string;
}

/** What an administrator sets besides the call and the owner: times, publication, results. */
export interface RoundSettings {
  opensAt: Date;
  closesAt: Date;
  publishAdopted: boolean;
  resultsSummary: string;
  resultsSummaryEn: string;
  resultsPublishedAt: Date | null;
}

export interface PublicRound extends RoundCall, RoundSettings {
  id: number;
  code: string;
  coverImage: string | null;
  coverImageType: string | null;
  status: RoundStatus;
  ownerDepartment: { name: string; nameEn: string };
  topics: RoundTopicRow[];
}

/** What a round's public page reads; the administrators' select (round-admin.repository.ts) adds to it. */
export const PUBLIC_SELECT = {
  id: true,
  code: true,
  title: true,
  titleEn: true,
  body: true,
  bodyEn: true,
  wanted: true,
  wantedEn: true,
  excluded: true,
  excludedEn: true,
  resultsUse: true,
  resultsUseEn: true,
  coverImage: true,
  coverImageType: true,
  publishAdopted: true,
  resultsSummary: true,
  resultsSummaryEn: true,
  resultsPublishedAt: true,
  status: true,
  opensAt: true,
  closesAt: true,
  ownerDepartment: { select: { name: true, nameEn: true } },
  topics: { select: { id: true, title: true, titleEn: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] },
} satisfies Prisma.CollectionRoundSelect;

/** Rounds the public list shows: drafts are the office's work in progress, archived ones are off the list. */
export function listPublicRounds(db: DbClient): Promise<PublicRound[]> {
  return db.collectionRound.findMany({
    where: { status: { in: ["SCHEDULED", "OPEN", "CLOSED"] } },
    orderBy: [{ closesAt: "desc" }, { id: "desc" }],
    select: PUBLIC_SELECT,
  });
}

export function findRound(db: DbClient, id: number): Promise<PublicRound | null> {
  return db.collectionRound.findUnique({ where: { id }, select: PUBLIC_SELECT });
}
