// applyTransition, the one way the app changes a suggestion's status, against the domain's table
// (tests/support/lifecycle-table.ts, from DESIGN.md) on the real database: every allowed step writes the new status
// and its event; every other pair is refused and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Container } from "../../../src/container.ts";
import { ConflictError } from "../../../src/errors.ts";
import { SuggestionStatus } from "../../../src/generated/prisma/enums.ts";
import { applyTransition } from "../../../src/features/lifecycle/index.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { ACTIONS, expectedTransition } from "../../support/lifecycle-table.ts";
import { insertSuggestion, snapshot } from "../../support/suggestions.ts";

let c: Container;
/** One suggestion per status; each check runs in a transaction that is rolled back, so they stay as made. */
const ids = new Map<SuggestionStatus, number>();

class Rollback extends Error {}

async function rolledBack<T>(work: (tx: Parameters<Parameters<Container["db"]["$transaction"]>[0]>[0]) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await c.db
    .$transaction(async (tx) => {
      result = await work(tx);
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return result as T;
}

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  for (const status of Object.values(SuggestionStatus)) {
    ids.set(status, (await insertSuggestion(c.db, { status })).id);
  }
});
afterAll(() => c.close());

describe("applyTransition against the domain's lifecycle", () => {
  for (const status of Object.values(SuggestionStatus)) {
    it(`when each action is applied to a ${status} suggestion, then only the domain's steps happen, to the domain's status`, async () => {
      const id = ids.get(status)!;
      const before = await snapshot(c.db, id);
      for (const action of ACTIONS) {
        const to = expectedTransition(status, action);
        const outcome = await rolledBack(async (tx) => {
          try {
            await applyTransition(tx, { suggestionId: id, action });
          } catch (e) {
            if (e instanceof ConflictError) return { refused: true as const };
            throw e;
          }
          const row = await tx.suggestion.findUniqueOrThrow({ where: { id }, select: { status: true } });
          const event = await tx.handlingEvent.findFirstOrThrow({ where: { suggestionId: id }, orderBy: { id: "desc" } });
          return { refused: false as const, status: row.status, event: [event.fromStatus, event.toStatus] };
        });
        expect({ action, ...outcome }).toEqual(to ? { action, refused: false, status: to, event: [status, to] } : { action, refused: true });
      }
      expect(await snapshot(c.db, id)).toEqual(before);
    });
  }
});
