/// The explicit list of jobs; refuses two jobs with the same name.
public struct JobRegistry: Sendable {
    public let jobs: [any Job.Type]

    public init(_ jobs: [any Job.Type]) throws(RegistryError) {
        var seen = Set<String>()
        for job in jobs {
            guard seen.insert(job.name).inserted else { throw RegistryError(duplicateName: job.name) }
        }
        self.jobs = jobs
    }

    public var names: [String] { jobs.map { $0.name } }

    public func job(named name: String) -> (any Job.Type)? {
        jobs.first { $0.name == name }
    }
}

public struct RegistryError: Error, Sendable, CustomStringConvertible {
    public var duplicateName: String
    public var description: String { "two jobs are registered as '\(duplicateName)'" }
}
