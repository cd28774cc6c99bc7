import AWS
import Foundation

/// Prints a stack's new events (timestamp, logical id, status, reason) until the stack settles.
struct StackEventFollower {
    let client: CloudFormationClient
    /// The stack's id (ARN), which the calls name.
    let stackName: String
    /// The name printed.
    let displayName: String
    let pollInterval: Duration
    let output: InvokeOutput

    /// The ids of the events already there (the first page), so that only this deploy's are printed.
    func knownEventIds() async -> Set<String> {
        guard let page = try? await client.describeStackEvents(stackName: stackName) else { return [] }
        return Set(page.events.map(\.eventId))
    }

    /// Follows until CREATE_COMPLETE/UPDATE_COMPLETE (returns) or a failure or rollback (throws, exit 1).
    func follow(seen initial: Set<String>) async throws(CommandFailure) {
        var seen = initial
        var firstFailure: StackEvent?
        while true {
            let fresh: [StackEvent]
            let stack: StackDescription?
            do throws(AWSError) {
                fresh = try await newEvents(seen: seen)
                stack = try await client.describeStack(stackName)
            } catch {
                throw CommandFailure(error)
            }
            for event in fresh {
                seen.insert(event.eventId)
                output.standardOutput(Self.line(event))
                if firstFailure == nil, event.isFailure, event.resourceStatusReason != nil { firstFailure = event }
            }
            guard let stack else { throw CommandFailure("stack \(displayName) disappeared while deploying", exitCode: 1) }
            if stack.isSettled {
                if stack.isSuccess {
                    output.standardOutput("\(displayName): \(stack.status)")
                    return
                }
                if let failure = firstFailure {
                    throw CommandFailure(
                        "deploy failed: \(failure.logicalResourceId) (\(failure.resourceType)) \(failure.resourceStatus): \(failure.resourceStatusReason ?? "no reason given"); stack \(stack.status)",
                        exitCode: 1)
                }
                throw CommandFailure("deploy failed: stack \(stack.status): \(stack.statusReason ?? "no reason given")", exitCode: 1)
            }
            try? await Task.sleep(for: pollInterval)
        }
    }

    /// Events not seen yet, oldest first (pages are newest first; stop at the first seen one).
    func newEvents(seen: Set<String>) async throws(AWSError) -> [StackEvent] {
        var collected: [StackEvent] = []
        var token: String?
        var pages = 0
        repeat {
            let page = try await client.describeStackEvents(stackName: stackName, nextToken: token)
            pages += 1
            for event in page.events {
                if seen.contains(event.eventId) { return collected.reversed() }
                collected.append(event)
            }
            token = page.nextToken
        } while token != nil && pages < 20
        return collected.reversed()
    }

    static func line(_ event: StackEvent) -> String {
        var line = "\(event.timestamp)  \(event.logicalResourceId)  \(event.resourceStatus)"
        if let reason = event.resourceStatusReason { line += "  \(reason)" }
        return line
    }
}
