// The routing rules as administrators edit them: an ordered list, each change audited, and the "try it" box, which
// routes a sample through decideRouting (routing-decision.ts), the same function as the route-suggestion job, and
// saves nothing. Changes apply to routing that happens after them; routed suggestions keep their reason.
import type { Infrastructure } from "../../container.ts";
import { NotFoundError, ValidationError } from "../../errors.ts";
import { TX_OPTIONS } from "../../platform/db.ts";
import { recordAudit, type AuditActor } from "../audit/index.ts";
import { decideRouting, type RoutingDecision } from "./routing-decision.ts";
import * as routingRepo from "./routing.repository.ts";
import { createTokenizer, type Tokenizer } from "./rule-matcher.ts";
import * as repo from "./rules.repository.ts";
import type { RuleForm, TryInput } from "./rules.schemas.ts";

export type RuleAdminDeps = Pick<Infrastructure, "db">;

export interface TryResult {
  decision: RoutingDecision | null;
  /** The words the matcher saw in the sample: what keywords are compared with. */
  tokens: string[];
  regionIds: number[];
}

export function createRuleAdminService(c: RuleAdminDeps, opts: { tokenizer?: Tokenizer } = {}) {
  const { db } = c;
  let tokenizer = opts.tokenizer;
  const getTokenizer = () => (tokenizer ??= createTokenizer());

  async function checkDepartments(input: RuleForm) {
    const ids = [input.departmentId, ...input.assistDepartmentIds];
    const active = await repo.activeDepartmentIds(db, ids);
    if (!active.has(input.departmentId)) throw new ValidationError({ departmentId: "rules:errors.departmentInactive" });
    if (input.assistDepartmentIds.some((id) => !active.has(id))) throw new ValidationError({ assistDepartmentIds: "rules:errors.departmentInactive" });
  }

  return {
    rules: () => repo.findRules(db),
    choices: () => repo.findChoices(db),

    async rule(id: number) {
      const rule = await repo.findRule(db, id);
      if (!rule) throw new NotFoundError("rules:notFound");
      return rule;
    },

    async save(actor: AuditActor, id: number | null, input: RuleForm) {
      await checkDepartments(input);
      return db.$transaction(async (tx) => {
        if (id === null) {
          const created = await repo.createRule(tx, input);
          await recordAudit(tx, { actor, action: "rule.create", entity: "RoutingRule", entityId: created.id, after: created });
          return created;
        }
        const before = await repo.findRule(tx, id);
        if (!before) throw new NotFoundError("rules:notFound");
        const after = await repo.updateRule(tx, id, input);
        await recordAudit(tx, { actor, action: "rule.update", entity: "RoutingRule", entityId: id, before, after });
        return after;
      }, TX_OPTIONS);
    },

    async remove(actor: AuditActor, id: number) {
      await db.$transaction(async (tx) => {
        const before = await repo.findRule(tx, id);
        if (!before) throw new NotFoundError("rules:notFound");
        await repo.deleteRule(tx, id);
        await recordAudit(tx, { actor, action: "rule.delete", entity: "RoutingRule", entityId: id, before });
      }, TX_OPTIONS);
    },

    /**
     * Moves a rule one place up or down the list by exchanging priorities with its neighbour. Equal priorities are
     * separated first (the moved rule goes just before / after), so a move always changes the order.
     */
    async move(actor: AuditActor, id: number, direction: "up" | "down") {
      await db.$transaction(async (tx) => {
        const rules = await repo.findRules(tx);
        const i = rules.findIndex((r) => r.id === id);
        if (i === -1) throw new NotFoundError("rules:notFound");
        const j = direction === "up" ? i - 1 : i + 1;
        const rule = rules[i];
        const other = rules[j];
        if (!rule || !other) return;
        let [a, b] = [other.priority, rule.priority];
        if (a === b) [a, b] = direction === "up" ? [Math.max(0, a - 1), b] : [a + 1, b];
        const moved = await repo.setPriority(tx, rule.id, a);
        const swapped = await repo.setPriority(tx, other.id, b);
        await recordAudit(tx, {
          actor, action: "rule.move", entity: "RoutingRule", entityId: rule.id,
          before: { [rule.name]: rule.priority, [other.name]: other.priority },
          after: { [moved.name]: moved.priority, [swapped.name]: swapped.priority },
        });
      }, TX_OPTIONS);
    },

    /** Routes a sample as the router would route a suggestion with these facts, without saving anything. */
    async tryRoute(input: TryInput): Promise<TryResult> {
      const [rules, regionPath, round] = await Promise.all([
        routingRepo.findActiveRules(db),
        routingRepo.findRegionPath(db, input.regionId),
        input.roundId === undefined
          ? Promise.resolve(null)
          : db.collectionRound.findUnique({ where: { id: input.roundId }, select: { ownerDepartmentId: true, ownerDepartment: { select: { active: true } } } }),
      ]);
      if (regionPath.length === 0) throw new ValidationError({ regionId: "rules:errors.regionRequired" });
      const text = [input.title, input.text].join("\n");
      const regionIds = regionPath.map((r) => r.id);
      const decision = decideRouting(
        rules,
        { roundId: input.roundId ?? null, categoryId: input.categoryId, regionIds, text },
        round ? { ownerDepartmentId: round.ownerDepartmentId, ownerActive: round.ownerDepartment.active } : null,
        getTokenizer(),
      );
      return { decision, tokens: getTokenizer().tokens(text), regionIds };
    },
  };
}

export type RuleAdminService = ReturnType<typeof createRuleAdminService>;
