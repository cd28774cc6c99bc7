import AWS
import Foundation

/// Verifies a request's SigV4 `Authorization` header the way AWS does, answering with AWS's error names.
enum SignatureCheck {
    static let mismatch = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."

    static func verify(_ request: SignableRequest, service: String, region: String, state: EmulatorState) async throws(EmulatorError) {
        guard let authorization = request.header("Authorization"), authorization.hasPrefix(SigV4Signer.algorithm + " ") else {
            throw EmulatorError(type: "MissingAuthenticationTokenException", message: "Missing Authentication Token")
        }
        var fields: [String: String] = [:]
        for part in authorization.dropFirst(SigV4Signer.algorithm.count + 1).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { fields[pair[0]] = pair[1] }
        }
        guard let credential = fields["Credential"], let signed = fields["SignedHeaders"], let signature = fields["Signature"] else {
            throw EmulatorError(type: "IncompleteSignatureException", message: "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'.")
        }
        let scope = credential.split(separator: "/").map(String.init)
        guard scope.count == 5, scope[4] == "aws4_request" else {
            throw EmulatorError(type: "IncompleteSignatureException", message: "Credential must have exactly 5 slash-delimited elements.")
        }
        let secret = try await state.secret(for: scope[0], token: request.header("X-Amz-Security-Token"))
        guard scope[2] == region, scope[3] == service else {
            await state.noteSignatureFailure()
            throw EmulatorError(type: "InvalidSignatureException", message: "Credential should be scoped to a valid region and service ('\(region)', '\(service)').")
        }
        guard let amzDate = request.header("X-Amz-Date"), let date = SigV4Signer.parseAmzDate(amzDate), amzDate.hasPrefix(scope[1]) else {
            await state.noteSignatureFailure()
            throw EmulatorError(type: "IncompleteSignatureException", message: "X-Amz-Date is missing or does not match the credential scope.")
        }
        guard abs(date.timeIntervalSinceNow) < 15 * 60 else {
            await state.noteSignatureFailure()
            throw EmulatorError(type: "InvalidSignatureException", message: "Signature expired: \(amzDate) is now earlier or later than 15 minutes from now.")
        }
        let names = signed.split(separator: ";").map(String.init)
        guard names.contains("host"), names.contains("x-amz-date") else {
            await state.noteSignatureFailure()
            throw EmulatorError(type: "InvalidSignatureException", message: "'Host' and 'X-Amz-Date' must be signed.")
        }
        let expected = SigV4Signer(service: service, region: region)
            .signature(for: request, secretAccessKey: secret, amzDate: amzDate, signedHeaders: names)
        guard expected == signature else {
            await state.noteSignatureFailure()
            throw EmulatorError(type: "InvalidSignatureException", message: mismatch)
        }
    }
}
