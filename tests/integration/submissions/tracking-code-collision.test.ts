import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Container } from "../../../src/container.ts";
import { createSubmissionService } from "../../../src/features/submissions/index.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { referenceIds } from "./helpers.ts";

let c: Container;

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
});
afterAll(() => c.close());

const form = (ids: { categoryId: number; countyId: number }) => ({
  title: "关于增设公交候车亭的建议",
  categoryId: ids.categoryId,
  regionId: ids.countyId,
  problem: "站台没有遮雨棚，雨天候车的老人只能站在雨里。",
  proposal: "建议在客流较大的站台增设带座椅的候车亭。",
  realName: "孙立",
  phone: "13611112222",
  email: "sun.li@example.com",
  consentPublish: false,
  hideIdentity: false,
});

describe("tracking-code collisions", () => {
  it("when the drawn tracking code is already taken, then a new one is drawn and the citizen's suggestion is saved once", async () => {
    const ids = await referenceIds(c);
    const codes = ["JY-2026-TAKEN000", "JY-2026-TAKEN000", "JY-2026-FRESH111"];
    const service = createSubmissionService({
      db: c.db, storage: c.storage, logger: c.logger, config: c.config, now: () => c.now(), deadlines: c.services.deadlines,
      generateCode: () => codes.shift() ?? "JY-2026-UNUSED00",
    });
    const first = await service.submit({ form: form(ids), files: [], locale: "zh-CN" });
    const second = await service.submit({ form: { ...form(ids), email: "other@example.com" }, files: [], locale: "zh-CN" });
    expect(first.trackingCode).toBe("JY-2026-TAKEN000");
    expect(second.trackingCode).toBe("JY-2026-FRESH111");
    expect(await c.db.suggestion.count()).toBe(2);
    expect(await c.db.emailMessage.count({ where: { dedupeKey: "received-JY-2026-FRESH111", toAddress: "other@example.com" } })).toBe(1);
  });

  it("when a category disappears after the form was loaded, then the citizen gets the unknown-category message and nothing is stored", async () => {
    const ids = await referenceIds(c);
    const before = await c.db.suggestion.count();
    const spare = await c.db.category.create({ data: { code: "TEMP", name: "临时", nameEn: "Temporary" } });
    const cached = createSubmissionService({ db: c.db, storage: c.storage, logger: c.logger, config: c.config, now: () => c.now(), deadlines: c.services.deadlines });
    await cached.referenceData(); // the cache now holds the category that is about to go
    await c.db.category.delete({ where: { id: spare.id } });
    await expect(cached.submit({ form: { ...form(ids), categoryId: spare.id }, files: [], locale: "zh-CN" })).rejects.toMatchObject({
      status: 422,
      fields: { categoryId: "submissions:errors.categoryUnknown" },
    });
    expect(await c.db.suggestion.count()).toBe(before);
  });
});
