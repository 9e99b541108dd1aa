// Test data written straight through Prisma, shaped like what the submission path commits: a suggestion with
// its submitter, status SUBMITTED, routing PENDING and its SUBMITTED handling event, all in one nested write.
import { randomBytes } from "node:crypto";
import type { Db } from "../../src/platform/db.ts";
import { addWorkingDays } from "../../src/platform/working-days.ts";

export const SUBMITTER = {
  realName: "张三丰",
  phone: "13912345678",
  email: "zhang.sanfeng@citizen.example",
} as const;

export interface SuggestionInput {
  title?: string;
  problem?: string;
  proposal?: string;
  /** Category code from prisma/seed-data/categories.ts. */
  categoryCode?: string;
  /** Region code (GB/T 2260) from prisma/seed-data/regions.ts. */
  regionCode?: string;
  roundId?: number | null;
  topicId?: number | null;
  submittedAt?: Date;
}

export async function insertPendingSuggestion(db: Db, input: SuggestionInput = {}): Promise<{ id: number; trackingCode: string }> {
  const submittedAt = input.submittedAt ?? new Date();
  const [category, region] = await Promise.all([
    db.category.findUniqueOrThrow({ where: { code: input.categoryCode ?? "OTHER" }, select: { id: true } }),
    db.region.findUniqueOrThrow({ where: { code: input.regionCode ?? "210102" }, select: { id: true } }),
  ]);
  const trackingCode = `TEST-${submittedAt.getUTCFullYear()}-${randomBytes(5).toString("hex").toUpperCase()}`;
  return db.suggestion.create({
    data: {
      trackingCode,
      kind: input.roundId ? "ROUND" : "EVERYDAY",
      roundId: input.roundId ?? null,
      topicId: input.topicId ?? null,
      title: input.title ?? "关于改进办事流程的建议",
      problem: input.problem ?? "办事需要反复提交相同材料。",
      proposal: input.proposal ?? "建议推行一次告知、一表申请。",
      categoryId: category.id,
      regionId: region.id,
      status: "SUBMITTED",
      routingState: "PENDING",
      submittedAt,
      screeningDueAt: addWorkingDays(submittedAt, 5),
      submitter: { create: { ...SUBMITTER } },
      events: { create: { type: "SUBMITTED", toStatus: "SUBMITTED", createdAt: submittedAt } },
    },
    select: { id: true, trackingCode: true },
  });
}

/** Polls until `check` returns a value other than undefined/false (work done by a Worker in the background). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
