// Held-out accuracy of the routing model on the demo seed's history (prisma/seed-data/history.ts, the same PRNG
// seed and 300 suggestions as `npm start` seeds; the 225 with a confirmed lead department are the examples).
// Figures reported in the closing note of issue 12, each held here minus a margin of 0.05:
// - temporal split (train on the oldest 80 %, test on the newest 20 %): 33 of 45 = 0.733 (the rules: 0.933). All
//   twelve misses but three are the themed round 社区工作者队伍建设, which opens after the training slice: a model
//   learned from the past has never seen it, the round's rule has. Everyday suggestions only: 33 of 36 = 0.917;
// - grouped by template, 5 folds (texts the model has never seen the like of): 120 of 225 = 0.533 (rules 0.871).
// The demo texts are 89 templates whose lead departments were produced by the routing rules themselves, so the
// rules score near 1 by construction and a random split mostly tests memorised templates; real accuracy is only
// known once coordinators have confirmed real assignments.
import { beforeAll, describe, expect, it } from "vitest";
import { evaluate, train, type TrainingExample } from "../../../../src/features/routing-model/index.ts";
import { planHistory } from "../../../../prisma/seed-data/history.ts";
import { createRng } from "../../../../prisma/seed-data/prng.ts";
import { roundSeeds } from "../../../../prisma/seed-data/rounds.ts";

/** prisma/seed.ts's PRNG_SEED and default history size. */
const DEMO_SEED = 20260101;
const DEMO_COUNT = 300;
const NOW = new Date("2026-11-30T02:00:00Z");
const MARGIN = 0.05;

interface Example extends TrainingExample {
  submittedAt: Date;
  template: string | null;
  round: string | null;
}

function demoExamples(): Example[] {
  const plan = planHistory({ now: NOW, count: DEMO_COUNT, rng: createRng(DEMO_SEED), rounds: roundSeeds(NOW) });
  return plan.suggestions
    .filter((s) => s.leadDepartment !== null)
    .map((s) => ({
      text: `${s.title}\n${s.problem}\n${s.proposal}`,
      facets: [`category=${s.category}`, ...(s.round ? [`round=${s.round}`] : [])],
      departmentCode: s.leadDepartment as string,
      submittedAt: s.submittedAt,
      template: s.templateKey,
      round: s.round,
    }))
    .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
}

// Planning the demo history and loading jieba take seconds on a busy machine: done once, outside the timeouts.
let examples: Example[] = [];
beforeAll(() => {
  examples = demoExamples();
}, 120_000);

describe("routing model on the demo history", () => {
  it("when trained on the older 80 % and tested on the newer 20 %, then accuracy holds the reported level", () => {
    expect(examples.length).toBe(225);
    const cut = Math.floor(examples.length * 0.8);
    const model = train(examples.slice(0, cut), { trainedAt: NOW });
    const heldOut = examples.slice(cut);
    expect(evaluate(model, heldOut).accuracy).toBeGreaterThanOrEqual(0.733 - MARGIN);
    expect(evaluate(model, heldOut.filter((e) => e.round === null)).accuracy).toBeGreaterThanOrEqual(0.917 - MARGIN);
  }, 60_000);

  it("when whole templates are held out, then accuracy on texts never seen holds the reported level", () => {
    const templates = [...new Set(examples.map((e) => e.template ?? ""))].sort();
    let correct = 0;
    for (let fold = 0; fold < 5; fold += 1) {
      const heldOut = new Set(templates.filter((_, i) => i % 5 === fold));
      const result = evaluate(
        train(examples.filter((e) => !heldOut.has(e.template ?? ""))),
        examples.filter((e) => heldOut.has(e.template ?? "")),
      );
      correct += result.correct;
    }
    expect(correct / examples.length).toBeGreaterThanOrEqual(0.533 - MARGIN);
  }, 60_000);
});
