import Foundation
import TestSupport

/// The AWS CLI pointed at the moto server that scripts/test.sh started, with dummy credentials.
struct MotoAWS {
    static let account = "123456789012"
    let endpoint: String
    let region: String

    init(region: String = "us-east-1") throws {
        endpoint = try TestEnvironment.require("CRONJOB_TEST_AWS_ENDPOINT")
        self.region = region
    }

    /// What every AWS CLI child (and deploy.sh) gets: never the host's real profile or credentials.
    var environment: [String: String] {
        [
            "AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": region, "AWS_REGION": region,
            "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_PAGER": "",
        ]
    }

    /// Runs `aws ARGS --output json` and returns the decoded answer (an empty object for no output).
    @discardableResult
    func call(_ arguments: [String]) throws -> [String: Any] {
        // Explicitly: AWS CLI v1 ignores AWS_ENDPOINT_URL for SQS.
        let result = try ExternalTool.succeed(
            ["aws", "--endpoint-url", endpoint] + arguments + ["--output", "json"], environment: environment)
        let text = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return [:] }
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw ExternalTool.Failed(command: "aws " + arguments.joined(separator: " "), result: result)
        }
        return object
    }

    /// A VPC with two subnets and a security group, an ECS cluster and an SNS topic: what an environment names.
    func createNetwork(cluster: String) throws -> (subnets: [String], securityGroup: String, topicArn: String) {
        let vpc = try call(["ec2", "create-vpc", "--cidr-block", "10.0.0.0/16"])["Vpc"] as? [String: Any]
        let vpcID = try string(vpc?["VpcId"], "VpcId")
        // Public subnets for Fargate tasks have DNS hostnames on (moto's awsvpc tasks need it too).
        try call(["ec2", "modify-vpc-attribute", "--vpc-id", vpcID, "--enable-dns-hostnames", #"{"Value":true}"#])
        var subnets: [String] = []
        for (index, zone) in ["a", "b"].enumerated() {
            let subnet = try call([
                "ec2", "create-subnet", "--vpc-id", vpcID, "--cidr-block", "10.0.\(index).0/24",
                "--availability-zone", region + zone,
            ])["Subnet"] as? [String: Any]
            subnets.append(try string(subnet?["SubnetId"], "SubnetId"))
        }
        let group = try call([
            "ec2", "create-security-group", "--group-name", "\(cluster)-tasks", "--description", "cronjob tasks", "--vpc-id", vpcID,
        ])
        try call(["ecs", "create-cluster", "--cluster-name", cluster])
        let topic = try call(["sns", "create-topic", "--name", "\(cluster)-alarms"])
        return (subnets, try string(group["GroupId"], "GroupId"), try string(topic["TopicArn"], "TopicArn"))
    }

    func string(_ value: Any?, _ name: String) throws -> String {
        guard let text = value as? String else { throw Missing(field: name) }
        return text
    }

    struct Missing: Error, CustomStringConvertible {
        let field: String
        var description: String { "the emulator's answer has no \(field)" }
    }
}

/// Loads a compiled JSON file as Foundation objects, for comparing with what the emulator reads back.
func jsonObject(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
}

/// Deep equality of two decoded JSON values.
func sameJSON(_ left: Any?, _ right: Any?) -> Bool {
    switch (left, right) {
    case (nil, nil): return true
    case let (left as NSObject, right as NSObject): return left.isEqual(right)
    default: return false
    }
}
