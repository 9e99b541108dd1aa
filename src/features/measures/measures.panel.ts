// The measures panel on the case page (views/partials/measures/case-panel.hbs): the measures this viewer may link
// the suggestion to, or that they may not. Casework renders the case page and asks for this panel by name.
import type { Logger } from "../../platform/logger.ts";
import type { Translate } from "../../platform/i18n.ts";
import type { StaffUser } from "../auth/index.ts";
import type { MeasureSummary } from "./measures.repository.ts";
import type { MeasureService } from "./measures.service.ts";

export function choiceLabel(t: Translate, m: MeasureSummary): string {
  return [m.title, m.docNumber].filter(Boolean).join(" · ") + ` (${t("measures:kind", { context: m.type })})`;
}

/** `{ measurePanel }` for the case page. A failure here costs the panel, never the case page. */
export function measuresCasePanel(service: MeasureService, logger: Pick<Logger, "warn">) {
  return async (user: StaffUser, suggestionId: number, t: Translate): Promise<{ measurePanel: unknown }> => {
    try {
      const panel = await service.panel(user, suggestionId);
      return {
        measurePanel: panel
          ? {
              canLink: true,
              choices: panel.choices.map((m) => ({ id: m.id, label: choiceLabel(t, m) })),
              newUrl: `/staff/measures/new?code=${encodeURIComponent(panel.trackingCode)}`,
            }
          : { canLink: false },
      };
    } catch (err) {
      logger.warn({ err: (err as Error).message, suggestionId }, "measures panel unavailable");
      return { measurePanel: undefined };
    }
  };
}
