// Routing: the worker's first look at a new suggestion. It picks a lead department from the rules in the
// database and, by configuration, assigns at once or leaves the proposal to the coordinators (see CONTEXT.md).
import { UnrecoverableError } from "bullmq";
import type { Infrastructure } from "../../container.ts";
import { ConflictError } from "../../errors.ts";
import type { RoutingModelService } from "../routing-model/index.ts";
import type { Deadlines } from "../deadlines/index.ts";
import { EVENT_TYPE, planTransitions, type PlannedTransition } from "../lifecycle/index.ts";
import { citizenEmail } from "../notifications/index.ts";
import { ASSIGNED_DEDUPE_PREFIX, assignedEmailContent } from "./assigned-email.ts";
import type { RoutingReason } from "./routing-reason.ts";
import { routingBasis, routingNotes } from "./routing-notes.ts";
import { decideRouting, type RoutingDecision } from "./routing-decision.ts";
import { createTokenizer, type RuleInput, type Tokenizer } from "./rule-matcher.ts";
import * as repo from "./routing.repository.ts";

export type RoutingOutcome =
  /** Accepted and assigned to the lead department, whose email is queued. */
  | { kind: "assigned"; departmentId: number; assignmentId: number; emailIds: number[] }
  /** Left to the coordinators' screening list, with the department the rules proposed if any. */
  | { kind: "triage"; proposedDepartmentId: number | null }
  /** Someone else already did the work (another run of the job, or a coordinator). */
  | { kind: "skipped" };

export interface RoutingService {
  /** Idempotent: does nothing unless the suggestion's routing is still PENDING. */
  routeSuggestion(suggestionId: number): Promise<RoutingOutcome>;
  /**
   * Suggestions committed before `submittedBefore` and never routed, oldest first by id, after `afterId` (a keyset
   * page): for the sweep and the outbox relay's catch-up.
   */
  findUnrouted(submittedBefore: Date, limit: number, afterId?: number): Promise<number[]>;
  /** Of these ids, the ones still waiting for the router. */
  stillUnrouted(ids: number[]): Promise<Set<number>>;
}

export type RoutingDeps = Pick<Infrastructure, "db" | "config" | "logger" | "now"> & {
  deadlines: Deadlines;
  /** The learned routing model, consulted only when no rule matched (and it answers only when an administrator allows). */
  routingModel?: Pick<RoutingModelService, "autoAssignment">;
};

/** Stands for the submitter's address in a draft: the routing statement reads the real one (see commitRouting). */
const SUBMITTER_ADDRESS = "submitter@routing.invalid";
/** The citizen's "accepted" email: this followed by the lead assignment's id, as the coordinators' acceptance. */
const ACCEPTED_DEDUPE_PREFIX = "accepted-";

export function createRoutingService(c: RoutingDeps, opts: { tokenizer?: Tokenizer } = {}): RoutingService {
  // jieba's dictionary takes ~200 ms to load: only when the first suggestion is routed.
  let tokenizer = opts.tokenizer;
  const getTokenizer = () => (tokenizer ??= createTokenizer());

  function decide(s: repo.SuggestionToRoute, rules: RuleInput[], regionIds: number[]): RoutingDecision | null {
    const facts = { roundId: s.roundId, categoryId: s.categoryId, regionIds, text: [s.title, s.problem, s.proposal].join("\n") };
    return decideRouting(rules, facts, s.round, getTokenizer());
  }

  /** "按分办规则“…”" or, for a round without a rule, "按专题征集“…”": the basis named in event notes. */
  function basis(s: repo.SuggestionToRoute, reason: RoutingReason) {
    if (reason.model) return routingBasis({ modelVersion: reason.model.version });
    return reason.roundOwner === true && s.round !== null ? routingBasis({ round: s.round }) : routingBasis({ rule: reason.ruleName ?? "" });
  }

  async function learnedDecision(s: repo.SuggestionToRoute): Promise<RoutingDecision | null> {
    if (!c.routingModel || s.round !== null) return null;
    const learned = await c.routingModel.autoAssignment({
      title: s.title, problem: s.problem, proposal: s.proposal, categoryCode: s.category.code, roundCode: null,
    });
    if (!learned) return null;
    return {
      departmentId: learned.department.id,
      assistDepartmentIds: [],
      reason: { ruleId: null, ruleName: null, matchedKeywords: [], model: { version: learned.version, confidence: learned.confidence } },
    };
  }

  async function routeSuggestion(suggestionId: number): Promise<RoutingOutcome> {
    // One statement reads everything the decision needs, one statement writes the outcome (see routing.repository.ts).
    const ctx = await repo.loadRoutingContext(c.db, suggestionId);
    // The job carries an id only; a row that is gone will not come back, so retrying is pointless.
    if (ctx === null) throw new UnrecoverableError(`suggestion ${suggestionId} does not exist`);
    const { suggestion: s, regionPath } = ctx;
    if (s.routingState !== "PENDING") return { kind: "skipped" };

    // Rule-first: the model is asked only when no rule (and no round) decided.
    const decided = decide(s, ctx.rules, regionPath.map((r) => r.id)) ?? (await learnedDecision(s));
    // The model may name any department, not only those the rules can: read it then (off the hot path).
    const found = decided ? (ctx.departments.get(decided.departmentId) ?? (await repo.findDepartment(c.db, decided.departmentId))) : null;
    if (decided && found === null) {
      // Rules reference departments by foreign key, so this is a race with an administrator's edit: try again.
      throw new Error(`department ${decided.departmentId} of the routing decision for suggestion ${suggestionId} is gone`);
    }
    // A deactivated lead (a round's owner; rules of inactive departments are not loaded): the coordinators decide.
    const decision = found?.active === false ? null : decided;
    const department = decision ? found : null;
    const now = c.now();
    const routingReason = decision ? JSON.stringify(decision.reason) : null;

    // A coordinator acted on the suggestion before the router got to it: record the proposal, change nothing else.
    if (s.status !== "SUBMITTED") {
      const claimed = await repo.claimRouting(c.db, s.id, {
        routingState: "TRIAGE",
        routedAt: now,
        proposedDepartmentId: decision?.departmentId ?? null,
        routingReason,
      });
      c.logger.info({ suggestionId, status: s.status }, "routing superseded by a coordinator");
      return claimed ? { kind: "triage", proposedDepartmentId: decision?.departmentId ?? null } : { kind: "skipped" };
    }

    /** Commits the outcome; when nothing was claimed, tells a finished routing from a coordinator's action. */
    async function commit(w: repo.RoutingCommit): Promise<repo.RoutingCommitted | null> {
      const result = await repo.commitRouting(c.db, w);
      if (result.claimed) return result;
      const again = await repo.loadRoutingContext(c.db, suggestionId);
      if (again === null || again.suggestion.routingState !== "PENDING") return null;
      // Still PENDING, so the status moved under us (a coordinator acted just now): the retry takes the branch above.
      throw new ConflictError("errors:illegalTransition", { action: "route", from: again.suggestion.status });
    }

    if (decision && department && c.config.routingAutoAssign) {
      const label = basis(s, decision.reason);
      const dueAt = c.deadlines.replyDueAt(now, { suggestionId });
      const [accepted, assigned] = planTransitions(s.status, [{ action: "accept" }, { action: "assign" }]) as [PlannedTransition, PlannedTransition];
      const region = regionPath.map((r) => r.name).join(" ");
      const assists = decision.assistDepartmentIds.flatMap((id) => {
        const d = ctx.departments.get(id);
        return d?.active ? [d] : [];
      });
      const result = await commit({
        suggestionId: s.id,
        record: { routingState: "ROUTED", routedAt: now, proposedDepartmentId: department.id, routingReason },
        fromStatus: accepted.from,
        toStatus: assigned.to,
        leadDepartmentId: department.id,
        replyDueAt: dueAt,
        events: [
          { type: accepted.eventType, fromStatus: accepted.from, toStatus: accepted.to, departmentId: null, note: routingNotes.accepted(label), internal: false },
          {
            type: assigned.eventType, fromStatus: assigned.from, toStatus: assigned.to, departmentId: department.id,
            // Worded like a coordinator's assignment, which the citizen's tracking page also shows.
            note: routingNotes.assigned(label, department, dueAt), internal: false,
          },
        ],
        assignment: {
          departmentId: department.id,
          // The rule's assisting departments give their opinion to the lead by the same deadline (as a coordinator's
          // assignment with assisting departments does); deactivated ones are left out, here and in the statement.
          assistDepartmentIds: assists.map((a) => a.id),
          dueAt,
          emails: [
            {
              dedupeKeyPrefix: ASSIGNED_DEDUPE_PREFIX,
              keyDepartmentId: department.id,
              toSubmitter: false,
              ...assignedEmailContent({ assignment: { role: "LEAD" }, department, suggestion: s, region, dueAt, publicBaseUrl: c.config.publicBaseUrl }),
            },
            ...assists.map((a) => ({
              dedupeKeyPrefix: ASSIGNED_DEDUPE_PREFIX,
              keyDepartmentId: a.id,
              toSubmitter: false,
              ...assignedEmailContent({ assignment: { role: "ASSIST" }, department: a, suggestion: s, region, dueAt, publicBaseUrl: c.config.publicBaseUrl }),
            })),
            // The same "accepted" email a coordinator's acceptance sends (same key scheme: once per lead
            // assignment). Only the outbox row reads the submitter's address, in the statement (none when they left
            // none): the router itself never handles personal data.
            ...citizenEmail(c.config.publicBaseUrl, { ...s, submitter: { email: SUBMITTER_ADDRESS } }, {
              dedupeKey: ACCEPTED_DEDUPE_PREFIX,
              template: "suggestion-accepted",
              data: { leadDepartment: { name: department.name, nameEn: department.nameEn }, replyDueAt: dueAt.toISOString() },
            }).map(({ dedupeKey, ...draft }) => ({ ...draft, dedupeKeyPrefix: dedupeKey, keyDepartmentId: department.id, toSubmitter: true })),
          ],
        },
      });
      if (result === null || result.assignmentId === null) return { kind: "skipped" };
      const emailIds = result.emailIds;

      c.logger.info({ suggestionId, departmentId: department.id, ruleId: decision.reason.ruleId }, "suggestion assigned by the router");
      // No enqueue here: the statement announced the emails and the outbox relay queues them in its next batch (a
      // Redis round trip less per routed suggestion); the relay's catch-up and the sweep cover a notice nobody heard.
      return { kind: "assigned", departmentId: department.id, assignmentId: result.assignmentId, emailIds };
    }

    const proposedDepartmentId = decision?.departmentId ?? null;
    const [triage] = planTransitions(s.status, [
      { action: "triage", ...(decision && department ? { eventType: EVENT_TYPE.ROUTED } : {}) },
    ]) as [PlannedTransition];
    const result = await commit({
      suggestionId: s.id,
      record: { routingState: "TRIAGE", routedAt: now, proposedDepartmentId, routingReason },
      fromStatus: triage.from,
      toStatus: triage.to,
      leadDepartmentId: null,
      replyDueAt: null,
      // Routing details are for staff: the citizen sees only that the suggestion is being screened.
      events: [
        {
          type: triage.eventType, fromStatus: triage.from, toStatus: triage.to, internal: true,
          ...(decision && department
            ? { departmentId: department.id, note: routingNotes.proposed(basis(s, decision.reason), department) }
            : { departmentId: null, note: routingNotes.noRule() }),
        },
      ],
      assignment: null,
    });
    if (result === null) return { kind: "skipped" };
    c.logger.info({ suggestionId, proposedDepartmentId }, "suggestion left to triage");
    return { kind: "triage", proposedDepartmentId };
  }

  return {
    routeSuggestion,
    findUnrouted: (submittedBefore, limit, afterId = 0) => repo.findPendingSuggestionIds(c.db, submittedBefore, limit, afterId),
    stillUnrouted: (ids) => repo.filterPendingSuggestionIds(c.db, ids),
  };
}
