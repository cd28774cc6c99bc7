import Foundation
import NIOCore

/// Reads HTTP/1.1 requests off one connection (keep-alive) and answers each by its route; see `ScriptedHTTPServer`.
final class ScriptedHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let log: ScriptedHTTPLog
    private let redirectTarget: URL?
    private var pending: [UInt8] = []

    init(log: ScriptedHTTPLog, redirectTarget: URL?) {
        self.log = log
        self.redirectTarget = redirectTarget
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending += unwrapInboundIn(data).readableBytesView
        while let request = nextRequest() {
            log.record(request)
            answer(request, on: context.channel)
        }
    }

    /// Takes one whole request (head and Content-Length body) off `pending`, or nil until it has arrived.
    private func nextRequest() -> ScriptedHTTPServer.Request? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = pending.indices.first(where: { pending[$0...].starts(with: separator) }) else { return nil }
        let lines = String(decoding: pending[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let bodyLength = headers["content-length"].flatMap { Int($0) } ?? 0
        let total = end + separator.count + bodyLength
        guard pending.count >= total else { return nil }
        pending.removeFirst(total)
        return ScriptedHTTPServer.Request(
            method: requestLine.first.map(String.init) ?? "", path: requestLine.count > 1 ? String(requestLine[1]) : "", headers: headers)
    }

    private func answer(_ request: ScriptedHTTPServer.Request, on channel: any Channel) {
        let parts = request.path.split(separator: "/").map(String.init)
        switch (parts.first, parts.count > 1 ? parts[1] : nil) {
        case ("ok", nil):
            write(channel, status: 200, headers: ["Content-Type": "application/json"], body: Array(#"{"ok":true}"#.utf8))
        case ("redirect", let code?):
            let location = (redirectTarget?.absoluteString ?? "http://127.0.0.1:9") + "/landing"
            write(channel, status: Int(code) ?? 302, headers: ["Location": location], body: Array("moved".utf8))
        case ("large", let size?):
            write(channel, status: 200, headers: [:], body: [UInt8](repeating: UInt8(ascii: "x"), count: Int(size) ?? 0))
        case ("chunked", let size?):
            writeChunked(channel, bytes: Int(size) ?? 0)
        case ("stall", "head"):
            break
        case ("close", nil):
            channel.close(promise: nil)
        case ("stall", "body"):
            write(channel, head: 200, headers: ["Content-Length": "1000"], partialBody: Array(repeating: UInt8(ascii: "x"), count: 10))
        case ("trickle", nil):
            write(channel, head: 200, headers: ["Content-Length": "100000"], partialBody: [])
            Self.trickle(channel, left: 100_000)
        default:
            write(channel, status: 404, headers: [:], body: Array("no such route".utf8))
        }
    }

    private func write(_ channel: any Channel, status: Int, headers: [String: String], body: [UInt8]) {
        write(channel, head: status, headers: headers.merging(["Content-Length": "\(body.count)"]) { $1 }, partialBody: body)
    }

    /// Writes a status line, `headers` and `partialBody`, whatever the headers announce.
    private func write(_ channel: any Channel, head status: Int, headers: [String: String], partialBody: [UInt8]) {
        let lines = ["HTTP/1.1 \(status) Scripted"] + headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        var buffer = channel.allocator.buffer(string: lines.joined(separator: "\r\n") + "\r\n\r\n")
        buffer.writeBytes(partialBody)
        channel.writeAndFlush(buffer, promise: nil)
    }

    private func writeChunked(_ channel: any Channel, bytes: Int) {
        write(channel, head: 200, headers: ["Transfer-Encoding": "chunked"], partialBody: [])
        var left = bytes
        while left > 0 {
            let size = min(left, 64 * 1024)
            var chunk = channel.allocator.buffer(string: String(size, radix: 16) + "\r\n")
            chunk.writeRepeatingByte(UInt8(ascii: "x"), count: size)
            chunk.writeString("\r\n")
            channel.write(chunk, promise: nil)
            left -= size
        }
        channel.writeAndFlush(channel.allocator.buffer(string: "0\r\n\r\n"), promise: nil)
    }

    /// One byte every 50 ms while the connection is open: never silent for long, never done in time.
    private static func trickle(_ channel: any Channel, left: Int) {
        guard left > 0 else { return }
        channel.eventLoop.scheduleTask(in: .milliseconds(50)) {
            guard channel.isActive else { return }
            channel.writeAndFlush(channel.allocator.buffer(string: "x"), promise: nil)
            trickle(channel, left: left - 1)
        }
    }
}
