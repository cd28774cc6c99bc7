import AWS
import Foundation
import Hummingbird
import NIOCore

/// Decodes an operation's input, asks the state, encodes the output.
struct ECSOperations {
    let state: EmulatorState

    func perform(_ operation: String, body: Data) async throws(EmulatorError) -> Response {
        switch operation {
        case "RegisterTaskDefinition":
            let input: TaskDefinition = try decode(body)
            return encode(TaskDefinitionResponse(taskDefinition: await state.register(input)))
        case "DescribeTaskDefinition":
            let input: DescribeTaskDefinitionRequest = try decode(body)
            return encode(TaskDefinitionResponse(taskDefinition: try await state.definition(input.taskDefinition)))
        case "RunTask":
            let input: RunTaskRequest = try decode(body)
            return encode(try await state.runTask(input, body: String(decoding: body, as: UTF8.self)))
        case "DescribeTasks":
            let input: DescribeTasksRequest = try decode(body)
            return encode(await state.describeTasks(input))
        case "StopTask":
            let input: StopTaskRequest = try decode(body)
            return encode(try await state.stopTask(input))
        case "GetLogEvents":
            let input: GetLogEventsRequest = try decode(body)
            return encode(try getLogEvents(input))
        default:
            throw EmulatorError(type: "UnknownOperationException", message: "\(operation) is not emulated")
        }
    }

    /// Tokens are `f/<index>`; at the end of the stream the token sent comes back, as CloudWatch Logs does.
    private func getLogEvents(_ input: GetLogEventsRequest) throws(EmulatorError) -> GetLogEventsResponse {
        let start = input.nextToken.flatMap { Int($0.dropFirst(2)) } ?? 0
        guard let page = state.logs.events(group: input.logGroupName, stream: input.logStreamName, from: start, limit: input.limit ?? 10_000) else {
            throw EmulatorError(type: "ResourceNotFoundException", message: "The specified log stream does not exist.")
        }
        return GetLogEventsResponse(events: page.events, nextForwardToken: "f/\(page.end)", nextBackwardToken: "b/\(start)")
    }

    private func decode<T: Decodable>(_ body: Data) throws(EmulatorError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch {
            throw EmulatorError(type: "SerializationException", message: "the request body does not match the operation's input (\(error))")
        }
    }

    private func encode(_ value: some Encodable) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(status: .ok, headers: [.contentType: "application/x-amz-json-1.1"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
