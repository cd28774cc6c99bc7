import Foundation
import NIOSSL

/// A throwaway self-signed certificate for one DNS name (`localhost` by default), made by the openssl CLI for the
/// TLS tests.
public struct TestCertificate: Sendable {
    public let certificatePath: String
    public let keyPath: String

    /// Writes a new key and certificate for `name` into a fresh temporary directory.
    public static func make(name: String = "localhost") throws -> TestCertificate {
        let directory = FileManager.default.temporaryDirectory.appending(path: "cronjob-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = TestCertificate(
            certificatePath: directory.appending(path: "cert.pem").path, keyPath: directory.appending(path: "key.pem").path)
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1",
            "-subj", "/CN=\(name)", "-addext", "subjectAltName=DNS:\(name)",
            "-keyout", certificate.keyPath, "-out", certificate.certificatePath,
        ]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else {
            throw LoopbackServerFailure(description: "openssl req exited \(openssl.terminationStatus) making a test certificate")
        }
        return certificate
    }

    /// A server context presenting this certificate.
    public func serverContext() throws -> NIOSSLContext {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificatePath).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: keyPath, format: .pem)))
        return try NIOSSLContext(configuration: configuration)
    }

    /// A client configuration that trusts only this certificate.
    public func trustingClient() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificatePath))
        return configuration
    }
}
