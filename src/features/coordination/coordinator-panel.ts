// The coordinator's panel on a suggestion (views/partials/casework/coordinator-actions.hbs): the decision forms with
// the departments, the router's proposal and why, and the default reply deadline. The case page shows it
// (`coordinatorCasePanel`), and a decision form that failed its checks is shown again on it.
import type { Infrastructure } from "../../container.ts";
import { NotFoundError } from "../../errors.ts";
import type { SuggestionStatus } from "../../generated/prisma/enums.ts";
import type { Locale, Translate } from "../../platform/i18n.ts";
import { isOfficeStaff, type StaffUser } from "../auth/index.ts";
import type { Deadlines } from "../deadlines/index.ts";
import { canApply } from "../lifecycle/index.ts";
import { describeRoutingReason, type RoutingFacts } from "../routing/index.ts";
import * as repo from "./decisions.repository.ts";
import { assertOfficeStaff } from "./office-staff.ts";
import { REFERRAL_CHANNELS } from "./coordination.schemas.ts";

export interface PanelModel {
  suggestion: { id: number; trackingCode: string; title: string; status: SuggestionStatus; important: boolean };
  coordinator: {
    departments: { id: number; name: string; nameEn: string }[];
    /** The departments assisting now: ticked in the transfer form. */
    currentAssistIds: number[];
    proposedDepartmentId: number | null;
    routing: RoutingFacts;
    defaultReplyDueDate: string;
    canScreen: boolean;
    canTransfer: boolean;
    important: boolean;
  };
}

export type CoordinatorPanelDeps = Pick<Infrastructure, "db" | "now"> & { deadlines: Deadlines };

export function createCoordinatorPanel(c: CoordinatorPanelDeps) {
  return {
    /** What the panel shows for this suggestion. */
    async model(user: StaffUser, id: number): Promise<PanelModel> {
      assertOfficeStaff(user);
      const [s, departments, currentAssistIds] = await Promise.all([
        repo.findSuggestionForAction(c.db, id),
        repo.findDepartments(c.db),
        repo.findCurrentAssistIds(c.db, id),
      ]);
      if (!s) throw new NotFoundError();
      return {
        suggestion: { id: s.id, trackingCode: s.trackingCode, title: s.title, status: s.status, important: s.important },
        coordinator: {
          departments: departments.map(({ id: deptId, name, nameEn }) => ({ id: deptId, name, nameEn })),
          proposedDepartmentId: s.proposedDepartmentId,
          currentAssistIds,
          routing: { routingState: s.routingState, routingReason: s.routingReason, round: s.round, category: s.category, region: s.region },
          defaultReplyDueDate: c.deadlines.defaultReplyDueDate(c.now()),
          canScreen: canApply("accept", s.status),
          canTransfer: canApply("transfer", s.status),
          important: s.important,
        },
      };
    },
  };
}

export type CoordinatorPanel = ReturnType<typeof createCoordinatorPanel>;

/** The panel's view model, with the router's reason in the reader's words. */
export function panelView(model: PanelModel, t: Translate, locale: string) {
  const { routing, ...coordinator } = model.coordinator;
  return { ...coordinator, routingReasonText: describeRoutingReason(routing, t, locale), referralChannels: REFERRAL_CHANNELS };
}

/** `{ coordinator }` for the case page: the panel for the office's staff, nothing for an official. */
export function coordinatorCasePanel(panel: CoordinatorPanel) {
  return async (user: StaffUser, suggestionId: number, t: Translate, locale: Locale): Promise<{ coordinator: ReturnType<typeof panelView> | null }> => ({
    coordinator: isOfficeStaff(user) ? panelView(await panel.model(user, suggestionId), t, locale) : null,
  });
}
