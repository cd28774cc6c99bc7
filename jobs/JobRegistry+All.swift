import Runner

extension JobRegistry {
    /// Every job this binary can run. Adding a job: one file in jobs/, one line here, one entry in schedules.yaml.
    public static let all: JobRegistry = try! JobRegistry([
        NotifyUpload.self,
        SyncPayments.self,
        CheckPayout.self,
    ])
}
