import Foundation

/// One CloudWatch Embedded Metric Format line per run, so CloudWatch Logs extracts metrics without an agent.
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
public enum EmbeddedMetrics {
    public static let namespace = "Cronjobs"

    public static func line(
        job: String, environment: String, runID: UUID, status: RunStatus, exitCode: Int32,
        durationSeconds: Double, itemsOK: Int, itemsFailed: Int, at time: Date = Date()
    ) -> String {
        let definitions = """
            {"Timestamp":\(Int64(time.timeIntervalSince1970 * 1000)),"CloudWatchMetrics":[{"Namespace":"\(namespace)",\
            "Dimensions":[["Job","Environment"]],"Metrics":[{"Name":"Duration","Unit":"Seconds"},\
            {"Name":"ItemsSucceeded","Unit":"Count"},{"Name":"ItemsFailed","Unit":"Count"},\
            {"Name":"Failed","Unit":"Count"},{"Name":"Succeeded","Unit":"Count"},{"Name":"ExitCode","Unit":"None"}]}]}
            """
        var line = JSONLine()
        line.add("_aws", raw: definitions)
        line.add("Job", job)
        line.add("Environment", environment)
        line.add("Duration", number: (durationSeconds * 1000).rounded() / 1000)
        line.add("ItemsSucceeded", int: itemsOK)
        line.add("ItemsFailed", int: itemsFailed)
        line.add("Failed", int: exitCode == 0 ? 0 : 1)
        // The "no successful run" alarms (cronjob compile) sum this; skips and duplicates are not successes.
        line.add("Succeeded", int: status == .succeeded ? 1 : 0)
        line.add("ExitCode", int: Int(exitCode))
        line.add("run_id", runID.uuidString.lowercased())
        line.add("status", status.rawValue)
        return line.finished()
    }
}
