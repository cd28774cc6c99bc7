extension SandboxService {
    static let htmlPage = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The upstream server returned an invalid response.</p></body></html>"

    /// A 200 that is not what the contract promises.
    static func malformed(_ answer: Answer, mode: MalformedMode) -> Answer {
        switch mode {
        case .truncated:
            return .json(String(answer.body.utf8.prefix(max(1, answer.body.utf8.count / 2)))!)
        case .wrongTypes:
            return .json(#"{"id":404,"status":7,"amount_minor":"12.50","currency":false,"updated_at":12,"failure_reason":[]}"#)
        case .html:
            return Answer(status: 200, body: htmlPage, contentType: "text/html; charset=utf-8")
        case .errorBody:
            return .json(#"{"error":{"code":"internal_error","message":"upstream failure"}}"#)
        case .empty:
            return .json("")
        }
    }
}
