/// The runner's own tables: run history. Applied by `cronjob migrate` (scope `runner`).
public enum RunnerSchema {
    public static let scope = "runner"

    public static let migrations: [Migration] = [
        Migration(version: 1, name: "create cronjob_runs", sql: """
            CREATE TABLE cronjob_runs (
                id            uuid PRIMARY KEY,
                job           text NOT NULL,
                environment   text NOT NULL,
                trigger       text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
                scheduled_at  timestamptz,
                started_at    timestamptz NOT NULL,
                finished_at   timestamptz,
                status        text NOT NULL CHECK (status IN
                                ('running', 'succeeded', 'failed', 'skipped', 'duplicate', 'deadline_reached', 'stopped')),
                exit_code     integer,
                items_ok      integer NOT NULL DEFAULT 0,
                items_failed  integer NOT NULL DEFAULT 0,
                error         text,
                ecs_task_arn  text,
                version       text NOT NULL,
                host          text
            );
            CREATE INDEX cronjob_runs_job_started ON cronjob_runs (job, started_at DESC);
            CREATE INDEX cronjob_runs_started ON cronjob_runs (started_at DESC);
            -- One live or successful run per occurrence: a second EventBridge delivery is a duplicate,
            -- while an occurrence whose run failed may be delivered again.
            CREATE UNIQUE INDEX cronjob_runs_occurrence ON cronjob_runs (job, environment, scheduled_at)
                WHERE scheduled_at IS NOT NULL AND status IN ('running', 'succeeded');
            """),
        Migration(version: 2, name: "cronjob_runs: lost_after and status lost", sql: """
            -- The moment past which a row still 'running' is dead (its start + timeout + drain grace): the run was
            -- killed without a trace. RunStaleness is the one rule; such rows become 'lost' and stop blocking.
            ALTER TABLE cronjob_runs ADD COLUMN lost_after timestamptz;
            ALTER TABLE cronjob_runs DROP CONSTRAINT cronjob_runs_status_check;
            ALTER TABLE cronjob_runs ADD CONSTRAINT cronjob_runs_status_check CHECK (status IN
                ('running', 'succeeded', 'failed', 'skipped', 'duplicate', 'deadline_reached', 'stopped', 'lost'));
            CREATE INDEX cronjob_runs_running ON cronjob_runs (job, environment) WHERE status = 'running';
            """),
    ]
}
