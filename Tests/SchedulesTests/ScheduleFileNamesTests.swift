import Testing
@testable import Schedules

@Suite("schedules.yaml: value rules")
struct ScheduleFileNamesTests {
    @Test(arguments: [
        ("90s", 90), ("4m", 240), ("1h", 3_600), ("1h30m", 5_400), ("2d", 172_800), ("1d2h3m4s", 93_784),
    ])
    func durationText_parsesUnits(text: String, seconds: Int) {
        #expect(DurationText.seconds(text) == seconds)
        #expect(DurationText.seconds(DurationText.format(seconds)) == seconds)
    }

    @Test(arguments: ["", "5", "m", "4 m", "1m1h", "4mm", "-4m", "1.5h", "99999999999999999999s", "４m"])
    func durationText_refusesOtherSpellings(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }

    @Test func fargate_matchesTheECSTable() {
        #expect(FargateTaskSize.memoryValues(forCPU: 256) == [512, 1024, 2048])
        #expect(FargateTaskSize.memoryValues(forCPU: 512) == [1024, 2048, 3072, 4096])
        #expect(FargateTaskSize.memoryValues(forCPU: 1024) == Array(stride(from: 2048, through: 8192, by: 1024)))
        #expect(FargateTaskSize.memoryValues(forCPU: 2048).count == 13)
        #expect(FargateTaskSize.memoryValues(forCPU: 4096).last == 30720)
        #expect(FargateTaskSize.memoryValues(forCPU: 8192) == Array(stride(from: 16384, through: 61440, by: 4096)))
        #expect(FargateTaskSize.memoryValues(forCPU: 16384).first == 32768)
        #expect(FargateTaskSize.memoryValues(forCPU: 16384).last == 122880)
        #expect(FargateTaskSize.memoryValues(forCPU: 300).isEmpty)
        #expect(!FargateTaskSize.isValid(cpu: 8192, memory: 18432))
    }

    @Test(arguments: [
        ("scheudle", "schedule"), ("securityGroups", "security_groups"), ("SECURITY-GROUPS", "security_groups"),
        ("jbos", "jobs"), ("log_retention", "log_retention_days"), ("zzz", nil), ("ab", nil),
    ] as [(String, String?)])
    func suggestion_findsPlausibleTypos(word: String, expected: String?) {
        let candidates = ScheduleFileDecoder.jobKeys + ScheduleFileDecoder.environmentKeys + ScheduleFileDecoder.topLevelKeys
        #expect(KeySuggestion.closest(to: word, among: candidates) == expected)
    }

    @Test func awsNames_acceptRealShapesAndRefuseNearMisses() {
        #expect(AWSIdentifierShapes.isRegion("us-gov-west-1") && AWSIdentifierShapes.isRegion("ap-southeast-2") && !AWSIdentifierShapes.isRegion("US-east-1"))
        #expect(AWSIdentifierShapes.isResourceID("subnet-0a1b2c3d", prefix: "subnet-"))
        #expect(!AWSIdentifierShapes.isResourceID("subnet-0A1B2C3D", prefix: "subnet-"))
        #expect(AWSIdentifierShapes.isCluster("arn:aws:ecs:sa-east-1:123456789012:cluster/jobs") && !AWSIdentifierShapes.isCluster("arn:aws:ecs:sa-east-1:123456789012:service/jobs"))
        #expect(AWSIdentifierShapes.isSecretARN("arn:aws:secretsmanager:sa-east-1:123456789012:secret:db-AbCdEf:password::"))
        #expect(AWSIdentifierShapes.isSecretARN("arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/cronjob/token"))
        #expect(!AWSIdentifierShapes.isSecretARN("arn:aws:secretsmanager:sa-east-1:12345678901:secret:db"))
        #expect(AWSIdentifierShapes.isTopicARN("arn:aws:sns:sa-east-1:123456789012:alarms.fifo") && !AWSIdentifierShapes.isTopicARN("arn:aws:sns:sa-east-1:123456789012:a/b"))
        #expect(AWSIdentifierShapes.isEnvironmentVariableName("_X1") && !AWSIdentifierShapes.isEnvironmentVariableName("X-1"))
        #expect(AWSIdentifierShapes.platformVersion("1.4.0", isAtLeast: [1, 4, 0]) && !AWSIdentifierShapes.platformVersion("1.3.0", isAtLeast: [1, 4, 0]))
        #expect(Naming.isKebabCase("sync-payments", maximumLength: 64) && !Naming.isKebabCase("sync--payments", maximumLength: 64))
        #expect(!Naming.isKebabCase("1-job", maximumLength: 64) && !Naming.isKebabCase("job-", maximumLength: 64))
    }
}
