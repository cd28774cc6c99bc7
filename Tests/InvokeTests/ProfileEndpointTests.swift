import AWS
import Foundation
import Testing
import TestSupport

/// Endpoints from the profile: a `services` section per service, then the profile's global `endpoint_url`.
@Suite("AWS endpoints from the config file")
struct ProfileEndpointTests {
    @Test func endpoints_profileServicesSection_perServiceThenGlobal() throws {
        let directory = try TestEnvironment.workDirectory().appendingPathComponent("endpoints-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("config")
        try """
            [profile local]
            region = us-west-2
            services = emulators
            endpoint_url = http://127.0.0.1:7000

            [services emulators]
            ecs =
              endpoint_url = http://127.0.0.1:7001
            """.write(to: config, atomically: true, encoding: .utf8)
        let variables = ["AWS_PROFILE": "local", "AWS_CONFIG_FILE": config.path, "HOME": "/nonexistent",
                         "AWS_ACCESS_KEY_ID": "AKIDX", "AWS_SECRET_ACCESS_KEY": "x"]
        let session = try AWSSession(variables: variables, regionFlag: nil, fallbackRegion: nil)
        #expect(session.region == "us-west-2")
        #expect(session.clients.ecs.endpoint == "http://127.0.0.1:7001")
        #expect(session.clients.logs.endpoint == "http://127.0.0.1:7000")
        let overridden = try AWSSession(variables: variables.merging(["AWS_ENDPOINT_URL_ECS": "http://127.0.0.1:7002"]) { $1 },
                                        regionFlag: "eu-west-1", fallbackRegion: nil)
        #expect(overridden.clients.ecs.endpoint == "http://127.0.0.1:7002")
        #expect(overridden.region == "eu-west-1", "--region comes first")
    }
}
