// Reads and writes for the submission path. Writes are returned unawaited (Prisma promises) so the service can put
// them in one batch transaction: one round trip to PostgreSQL for the whole submission.
import type { Db, DbClient } from "../../platform/db.ts";
import type { SuggestionKind } from "../../generated/prisma/enums.ts";
import type { EmailDraft } from "../notifications/outbox.ts";
import { emailMessageData } from "../notifications/outbox.ts";

export interface NamedOption {
  id: number;
  name: string;
  nameEn: string;
}

export interface CityOption extends NamedOption {
  counties: NamedOption[];
}

export interface ReferenceData {
  categories: NamedOption[];
  province: NamedOption | null;
  cities: CityOption[];
  categoryIds: ReadonlySet<number>;
  regionIds: ReadonlySet<number>;
}

export interface NewSuggestion {
  trackingCode: string;
  kind: SuggestionKind;
  roundId: number | null;
  topicId: number | null;
  title: string;
  problem: string;
  proposal: string;
  categoryId: number;
  regionId: number;
  locale: string;
  submittedAt: Date;
  screeningDueAt: Date;
  submitter: {
    realName: string;
    phone: string;
    email: string | null;
    consentPublish: boolean;
    hideIdentity: boolean;
  };
  attachments: { storedName: string; originalName: string; mimeType: string; size: number }[];
}

export interface Receipt {
  trackingCode: string;
  title: string;
  kind: SuggestionKind;
  submittedAt: Date;
  screeningDueAt: Date;
  emailGiven: boolean;
  round: { title: string; titleEn: string } | null;
  topic: { title: string; titleEn: string } | null;
  attachmentCount: number;
}

export function createSubmissionsRepository(db: Db) {
  return {
    async loadReferenceData(client: DbClient = db): Promise<ReferenceData> {
      const [categories, regions] = await Promise.all([
        client.category.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, name: true, nameEn: true } }),
        client.region.findMany({ orderBy: { code: "asc" }, select: { id: true, name: true, nameEn: true, level: true, parentId: true } }),
      ]);
      const province = regions.find((r) => r.level === "PROVINCE") ?? null;
      const cities: CityOption[] = regions
        .filter((r) => r.level === "CITY")
        .map((c) => ({
          id: c.id,
          name: c.name,
          nameEn: c.nameEn,
          counties: regions.filter((r) => r.parentId === c.id).map((r) => ({ id: r.id, name: r.name, nameEn: r.nameEn })),
        }));
      return {
        categories,
        province: province ? { id: province.id, name: province.name, nameEn: province.nameEn } : null,
        cities,
        categoryIds: new Set(categories.map((c) => c.id)),
        regionIds: new Set(regions.map((r) => r.id)),
      };
    },

    /** The suggestion with its submitter, attachments and first handling event, as one nested write. */
    createSuggestion(s: NewSuggestion, client: DbClient = db) {
      return client.suggestion.create({
        data: {
          trackingCode: s.trackingCode,
          kind: s.kind,
          roundId: s.roundId,
          topicId: s.topicId,
          title: s.title,
          problem: s.problem,
          proposal: s.proposal,
          categoryId: s.categoryId,
          regionId: s.regionId,
          status: "SUBMITTED",
          routingState: "PENDING",
          locale: s.locale,
          submittedAt: s.submittedAt,
          screeningDueAt: s.screeningDueAt,
          submitter: { create: s.submitter },
          attachments: { create: s.attachments },
          events: {
            create: { type: "SUBMITTED", fromStatus: null, toStatus: "SUBMITTED", createdAt: s.submittedAt },
          },
        },
        select: { id: true, trackingCode: true },
      });
    },

    createEmail(draft: EmailDraft, client: DbClient = db) {
      return client.emailMessage.create({ data: emailMessageData(draft), select: { id: true } });
    },

    async findReceipt(trackingCode: string, client: DbClient = db): Promise<Receipt | null> {
      const row = await client.suggestion.findUnique({
        where: { trackingCode },
        select: {
          trackingCode: true,
          title: true,
          kind: true,
          submittedAt: true,
          screeningDueAt: true,
          submitter: { select: { email: true } },
          round: { select: { title: true, titleEn: true } },
          topic: { select: { title: true, titleEn: true } },
          _count: { select: { attachments: true } },
        },
      });
      if (!row) return null;
      return {
        trackingCode: row.trackingCode,
        title: row.title,
        kind: row.kind,
        submittedAt: row.submittedAt,
        screeningDueAt: row.screeningDueAt,
        emailGiven: Boolean(row.submitter?.email),
        round: row.round,
        topic: row.topic,
        attachmentCount: row._count.attachments,
      };
    },
  };
}

export type SubmissionsRepository = ReturnType<typeof createSubmissionsRepository>;
