/// The exit-code contract (sysexits where one fits), shown by `cronjob --help`.
enum ExitStatus {
    static let helpText = """
        EXIT CODES
          0    succeeded, nothing to do, or skipped (another run holds the lock / duplicate delivery)
          1    the job failed (unexpected error)
          64   usage: unknown job, bad flag or value
          69   an external provider was unavailable beyond the job's tolerance
          75   temporary failure: database unreachable, serialization failure; safe to retry
          78   configuration error: missing variable, invalid schedules.yaml, bad secret, provider token refused (401/403)
          124  deadline reached; committed work stays
          130  stopped by SIGINT after draining
          143  stopped by SIGTERM after draining
        `cronjob invoke` exits with the task's own code; 69 when the task never ran its command,
        78 when AWS refused the call (credentials, access denied, unknown cluster or task definition).
        `cronjob diff` exits 0 without changes, 2 with changes; `diff` and `deploy` exit 1
        when CloudFormation rejects the change set or the stack fails, 78 when AWS refuses;
        `deploy` exits 64 without --yes when standard input is not a terminal.
        """
}
