import Foundation
import Runner
import Synchronization
import Testing

/// Log lines are appended to a bounded buffer and written by a thread of their own: none is lost, split or reordered,
/// `flush` waits for them, and a reader that does not read holds producers up only once the buffer is full.
@Suite("Log output", .serialized)
struct LogOutputTests {
    final class Written: Sendable {
        let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        func append(_ line: String) { lines.withLock { $0.append(line) } }
    }

    final class Count: Sendable {
        private let atomic = Atomic<Int>(0)
        var value: Int { atomic.load(ordering: .relaxed) }
        func increment() { atomic.add(1, ordering: .relaxed) }
    }

    @Test func concurrentTasks_everyLineArrivesWhole_inPerTaskOrder() async throws {
        let written = Written()
        let output = LogOutput(format: .json, bufferLimit: 4096) { line in written.append(line) }
        let tasks = 32, linesPerTask = 400
        let padding = String(repeating: "x", count: 100)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    for line in 0..<linesPerTask { output.emit("task=\(task) line=\(line) \(padding)") }
                }
            }
        }
        output.flush()
        let lines = written.all
        #expect(lines.count == tasks * linesPerTask)
        var next = Array(repeating: 0, count: tasks)
        for line in lines {
            let fields = line.split(separator: " ")
            guard fields.count == 3, fields[2] == padding,
                  let task = Int(fields[0].dropFirst(5)), let number = Int(fields[1].dropFirst(5)), task < tasks
            else {
                Issue.record("a line arrived damaged: \(line.prefix(80))")
                return
            }
            #expect(number == next[task], "task \(task) line \(number) arrived out of order")
            next[task] = number + 1
        }
        #expect(next == Array(repeating: linesPerTask, count: tasks))
    }

    @Test func flush_waitsUntilTheLinesAreWritten() throws {
        let written = Written()
        let output = LogOutput(format: .text) { line in
            Thread.sleep(forTimeInterval: 0.2)
            written.append(line)
        }
        output.emit("first")
        output.emit("second")
        #expect(written.all.isEmpty, "emit does not wait for the write")
        let started = ContinuousClock.now
        output.flush()
        #expect(written.all == ["first", "second"])
        #expect(started.duration(to: .now) >= .milliseconds(300))
        output.emit("third")
        #expect(!output.flush(timeout: .milliseconds(50)), "a flush with a timeout gives up before a slow write ends")
        output.flush()
        #expect(written.all == ["first", "second", "third"])
    }

    @Test func blockedReader_holdsProducersUpOnlyOnceTheBufferIsFull() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let (reading, writing) = (descriptors[0], descriptors[1])
        defer { close(reading) }
        let bound = 256 * 1024
        let output = LogOutput.standardOutput(override: "json", descriptor: writing, bufferLimit: bound)
        let line = String(repeating: "y", count: 1023)  // 1 KiB with its newline

        // Nobody reads: the pipe fills (64 KiB on Linux) and the writer blocks, yet the producer goes on until the
        // buffer holds `bound` bytes, and only then waits for the reader.
        let total = 3 * bound / 1024
        let emitted = Count()
        let producer = Thread {
            for _ in 0..<total {
                output.emit(line)
                emitted.increment()
            }
        }
        producer.start()
        Thread.sleep(forTimeInterval: 1)
        let beforeReading = emitted.value
        #expect(beforeReading >= bound / 1024, "the producer waited before the buffer was full: \(beforeReading) lines")
        #expect(beforeReading < total, "the producer should wait once the buffer is full")

        // Reading lets everything through, in order and whole.
        var received = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let expected = total * 1024
        let giveUp = ContinuousClock.now.advanced(by: .seconds(20))
        while received.count < expected, ContinuousClock.now < giveUp {
            let count = read(reading, &chunk, chunk.count)
            if count <= 0 { break }
            received.append(contentsOf: chunk[0..<count])
        }
        #expect(output.flush(timeout: .seconds(5)))
        close(writing)
        #expect(emitted.value == total)
        #expect(received.count == expected)
        #expect(String(decoding: received, as: UTF8.self).split(separator: "\n").allSatisfy { $0 == line })
    }
}
