// close-round (a delayed job on the maintenance queue, planned for a round's closing time): closes the round if it is
// open and its time has come. Idempotent like open-round; the submission path compares the time itself, so a late
// run never lets a suggestion in after the close.
import type { Container } from "../../src/container.ts";
import { JOBS } from "../../src/platform/queues.ts";
import { idJob } from "./job-data.ts";

export function createCloseRoundProcessor(c: Container) {
  return idJob(JOBS.closeRound, "roundId", (roundId) => c.services.roundAdmin.closeDue(roundId));
}
