/// The human-readable form of the listing: one aligned table per environment.
extension ScheduleListing {
    static let columns = ["JOB", "SCHEDULE", "MEANING", "NEXT (UTC)", "CPU", "MEMORY", "TIMEOUT", "CONCURRENCY", "ENABLED"]

    public func table() -> String {
        "\(file): fire times after \(from)\n\n" + environments.map(table(for:)).joined(separator: "\n")
    }

    private func table(for environment: Environment) -> String {
        var heading = "environment \(environment.name)"
        let details = [
            environment.account.map { "account \($0)" }, environment.region.map { "region \($0)" },
            environment.cluster.map { "cluster \($0)" },
        ].compactMap { $0 }
        if !details.isEmpty { heading += ": " + details.joined(separator: ", ") }

        var rows: [[String]] = [Self.columns]
        for job in environment.jobs {
            let next = job.enabled ? (job.next.isEmpty ? ["-"] : job.next) : ["-"]
            rows.append([
                job.name, job.schedule, job.meaning, next[0], "\(job.cpu)", "\(job.memory) MiB", job.timeout,
                job.concurrency, job.enabled ? "yes" : "no",
            ])
            // Further fire times go under the first one, so that the table stays narrow.
            for time in next.dropFirst() {
                rows.append(["", "", "", time, "", "", "", "", ""])
            }
        }
        return heading + "\n" + Self.align(rows)
    }

    /// Left-aligned columns separated by two spaces, trailing spaces trimmed.
    static func align(_ rows: [[String]]) -> String {
        let count = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            var line = ""
            for (index, cell) in row.enumerated() {
                line += cell
                if index < row.count - 1 { line += String(repeating: " ", count: widths[index] - cell.count + 2) }
            }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }
}
