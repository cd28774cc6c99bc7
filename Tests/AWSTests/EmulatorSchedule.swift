import CompileFixtures
import Foundation
import Schedules
import TestSupport

/// The fixture's production environment moved into the emulator: its account and region, and the VPC,
/// subnets, security group, cluster and topic created there (moto invents the ids).
enum EmulatorSchedule {
    static func file(environment name: String, aws: MotoAWS) throws -> ScheduleFile {
        let cluster = "cronjob-\(name)"
        let network = try aws.createNetwork(cluster: cluster)
        var environment = ScheduleFixtures.production
        environment.name = name
        environment.account = MotoAWS.account
        environment.region = aws.region
        environment.cluster = cluster
        environment.image = "\(MotoAWS.account).dkr.ecr.\(aws.region).amazonaws.com/cronjob:test"
        environment.subnets = network.subnets
        environment.securityGroups = [network.securityGroup]
        environment.alarmTopic = network.topicArn
        environment.logGroup = "/ecs/cronjob-\(name)"
        environment.secrets = environment.secrets.map {
            SecretReference(
                name: $0.name,
                arn: $0.arn.replacing("sa-east-1", with: aws.region).replacing(ScheduleFixtures.productionAccount, with: MotoAWS.account))
        }
        var file = ScheduleFixtures.file()
        file.environments = [environment]
        if let index = file.jobs.firstIndex(where: { $0.name == "check-payout" }) {
            file.jobs[index].enabledIn = [name: false]
        }
        return file
    }

    /// An environment name no earlier run used, so the tests can run again against the same emulator.
    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(6).lowercased())"
    }

    /// Compiles and writes into a fresh directory under the test work directory.
    static func write(_ file: ScheduleFile, environment: String, format: CompileFormat, target: CompileTarget) throws
        -> (directory: URL, output: CompileOutput)
    {
        let output = try ScheduleCompiler.compile(file, environment: environment, format: format, target: target)
        let directory = try TestEnvironment.workDirectory().appendingPathComponent("compile-\(environment)-\(UUID().uuidString)")
        try output.write(to: directory)
        return (directory, output)
    }

    static func contents(_ output: CompileOutput, _ path: String) throws -> Any {
        guard let file = output.files.first(where: { $0.path == path }) else { throw MotoAWS.Missing(field: path) }
        return try jsonObject(file.contents)
    }
}
