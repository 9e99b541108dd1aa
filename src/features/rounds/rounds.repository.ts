import type { Db, DbClient } from "../../platform/db.ts";
import type { RoundStatus } from "../../generated/prisma/enums.ts";
import type { Prisma } from "../../generated/prisma/client.ts";

export interface RoundTopicRow {
  id: number;
  title: string;
  titleEn: string;
}

export interface PublicRound {
  id: number;
  code: string;
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
  status: RoundStatus;
  opensAt: Date;
  closesAt: Date;
  ownerDepartment: { name: string; nameEn: string };
  topics: RoundTopicRow[];
}

const SELECT = {
  id: true,
  code: true,
  title: true,
  titleEn: true,
  body: true,
  bodyEn: true,
  status: true,
  opensAt: true,
  closesAt: true,
  ownerDepartment: { select: { name: true, nameEn: true } },
  topics: { select: { id: true, title: true, titleEn: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] },
} satisfies Prisma.CollectionRoundSelect;

export function createRoundsRepository(db: Db) {
  return {
    /** Rounds the public may see: drafts are the office's work in progress. */
    listPublic(client: DbClient = db): Promise<PublicRound[]> {
      return client.collectionRound.findMany({
        where: { status: { in: ["OPEN", "CLOSED"] } },
        orderBy: [{ closesAt: "desc" }, { id: "desc" }],
        select: SELECT,
      });
    },

    findById(id: number, client: DbClient = db): Promise<PublicRound | null> {
      return client.collectionRound.findUnique({ where: { id }, select: SELECT });
    },
  };
}
