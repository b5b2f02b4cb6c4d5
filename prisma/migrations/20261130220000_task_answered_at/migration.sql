-- Generation hands a slot to the endpoint's next task as soon as an answer arrives, before the answer's
-- candidate is written (issue 12). The answered task stays RUNNING under its lease until its candidate
-- commits, so a worker that dies meanwhile loses nothing (the lease runs out and the task is run again),
-- but it no longer holds one of the endpoint's in-flight slots: the claim counts RUNNING tasks whose
-- lease holds and whose answer has not arrived (answered_at IS NULL). Set by the hand-over, cleared by
-- every claim. Only adds a nullable column: older workers keep working beside newer ones (they never set
-- it, so their tasks count as before).
-- AlterTable
ALTER TABLE "generation_tasks" ADD COLUMN     "answered_at" TIMESTAMPTZ(3);
