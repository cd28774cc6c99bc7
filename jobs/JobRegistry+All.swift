import Runner

extension JobRegistry {
    /// Every job this binary can run. Adding a job: one file in jobs/, one line here, one entry in schedules.yaml.
    /// Duplicate names are a programming error caught by the registry test, never by input.
    public static let all: JobRegistry = try! JobRegistry([
        SyncPayments.self,
        ProcessNotifications.self,
        NotifyUpload.self,
        CheckPayout.self,
    ])
}
