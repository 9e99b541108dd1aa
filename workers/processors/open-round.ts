// open-round (a delayed job on the maintenance queue, planned for a round's opening time): opens the round if it is
// still scheduled and its time has come. Idempotent: a second run, or a run for a round whose times were moved,
// changes nothing and plans the round's jobs again.
import type { Container } from "../../src/container.ts";
import { JOBS } from "../../src/platform/queues.ts";
import { idJob } from "./job-data.ts";

export function createOpenRoundProcessor(c: Container) {
  return idJob(JOBS.openRound, "roundId", (roundId) => c.services.roundAdmin.openDue(roundId));
}
