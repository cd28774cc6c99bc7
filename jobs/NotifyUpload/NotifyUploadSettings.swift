import Runner

/// notify-upload's settings, read from the environment (schedules.yaml variables fill the gaps).
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `NOTIFY_UPLOAD_WINDOW` | `72h` | remind about events starting within this long from now (events already started are skipped) |
/// | `NOTIFY_UPLOAD_MAX_REMINDERS` | `3` | reminders per order at most (0: escalation only) |
/// | `NOTIFY_UPLOAD_REMINDER_INTERVAL` | `12h` | at least this long between two reminders for one order |
/// | `NOTIFY_UPLOAD_ESCALATION_BEFORE` | `6h` | once the event is this close, send the final escalation instead of reminders (0: never); at most the window |
/// | `NOTIFY_UPLOAD_OPS_EMAIL` | unset | when set, each escalation also queues an internal copy to this address |
/// | `NOTIFY_UPLOAD_BATCH_SIZE` | `500` | orders examined per statement, between two deadline/stop checks |
public struct NotifyUploadSettings: Sendable, Equatable {
    public var window: Duration
    public var maxReminders: Int
    public var reminderInterval: Duration
    public var escalationBefore: Duration
    public var opsEmail: String?
    public var batchSize: Int

    public init(
        window: Duration = .seconds(72 * 3600), maxReminders: Int = 3, reminderInterval: Duration = .seconds(12 * 3600),
        escalationBefore: Duration = .seconds(6 * 3600), opsEmail: String? = nil, batchSize: Int = 500
    ) {
        self.window = window
        self.maxReminders = maxReminders
        self.reminderInterval = reminderInterval
        self.escalationBefore = escalationBefore
        self.opsEmail = opsEmail
        self.batchSize = batchSize
    }

    public init(configuration: Configuration) throws(ConfigurationError) {
        let defaults = NotifyUploadSettings()
        self.init(
            window: try configuration.duration("NOTIFY_UPLOAD_WINDOW", default: defaults.window),
            maxReminders: try configuration.int("NOTIFY_UPLOAD_MAX_REMINDERS", default: defaults.maxReminders, range: 0...100),
            reminderInterval: try configuration.duration("NOTIFY_UPLOAD_REMINDER_INTERVAL", default: defaults.reminderInterval),
            escalationBefore: try configuration.duration("NOTIFY_UPLOAD_ESCALATION_BEFORE", default: defaults.escalationBefore),
            opsEmail: configuration.get("NOTIFY_UPLOAD_OPS_EMAIL"),
            batchSize: try configuration.int("NOTIFY_UPLOAD_BATCH_SIZE", default: defaults.batchSize, range: 1...10_000)
        )
        guard window > .zero else {
            throw ConfigurationError(variable: "NOTIFY_UPLOAD_WINDOW", problem: "must be longer than zero")
        }
        guard escalationBefore <= window else {
            throw ConfigurationError(variable: "NOTIFY_UPLOAD_ESCALATION_BEFORE", problem: "must not exceed NOTIFY_UPLOAD_WINDOW")
        }
        if let opsEmail, opsEmail.firstIndex(of: "@") == nil || opsEmail.contains(where: \.isWhitespace) {
            throw ConfigurationError(variable: "NOTIFY_UPLOAD_OPS_EMAIL", problem: "must be an email address")
        }
    }
}
