/// `logs:GetLogEvents` on one stream, oldest first, paged by `nextForwardToken`.
public struct GetLogEventsRequest: Codable, Sendable {
    public var logGroupName: String
    public var logStreamName: String
    public var nextToken: String?
    public var startFromHead: Bool? = true
    public var limit: Int?

    public init(logGroupName: String, logStreamName: String, nextToken: String?) {
        self.logGroupName = logGroupName
        self.logStreamName = logStreamName
        self.nextToken = nextToken
    }
}

public struct GetLogEventsResponse: Codable, Sendable {
    public var events: [OutputLogEvent]?
    /// Equal to the token sent when the end of the stream was reached.
    public var nextForwardToken: String?
    public var nextBackwardToken: String?

    public init(events: [OutputLogEvent]?, nextForwardToken: String?, nextBackwardToken: String?) {
        self.events = events
        self.nextForwardToken = nextForwardToken
        self.nextBackwardToken = nextBackwardToken
    }
}

public struct OutputLogEvent: Codable, Sendable, Equatable {
    /// Milliseconds since the epoch.
    public var timestamp: Int64?
    public var message: String
    public var ingestionTime: Int64?

    public init(timestamp: Int64?, message: String, ingestionTime: Int64?) {
        self.timestamp = timestamp
        self.message = message
        self.ingestionTime = ingestionTime
    }
}
