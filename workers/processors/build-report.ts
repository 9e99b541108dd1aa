// build-report (reports queue): builds a requested policy-conversion report from its ReportRun row (the job carries
// the run's id only) and reports progress to BullMQ as well as to the row the progress page reads. A run already
// built is skipped; when the last attempt fails, the run is marked failed so the page stops waiting.
import type { Job } from "bullmq";
import type { Container } from "../../src/container.ts";
import { JOBS } from "../../src/platform/queues.ts";
import { idJob } from "./job-data.ts";

export function createBuildReportProcessor(c: Container) {
  const reports = c.services.reports;
  return async (job: Job) =>
    idJob(JOBS.buildReport, "reportRunId", async (id) => {
      try {
        return await reports.build(id, async (percent) => { await job.updateProgress(percent); });
      } catch (err) {
        const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        if (last) await reports.markFailed(id, (err as Error).message);
        throw err;
      }
    })(job);
}
