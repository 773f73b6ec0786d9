import Foundation
import Identity
import Logging

/// The installation's first access key. On first start it is generated, printed once and
/// written (mode 0600) to `<data dir>/root-credentials` in the AWS shared-credentials format,
/// unless `ATELIER_ROOT_ACCESS_KEY_ID` and `ATELIER_ROOT_SECRET_ACCESS_KEY` provide it.
enum RootCredentials {
    static func ensure(
        accessKeys: AccessKeyStore, dataDirectory: String, environment: [String: String], logger: Logger
    ) async throws {
        if let id = environment["ATELIER_ROOT_ACCESS_KEY_ID"], let secret = environment["ATELIER_ROOT_SECRET_ACCESS_KEY"],
            !id.isEmpty, !secret.isEmpty
        {
            guard id.wholeMatch(of: #/[A-Z0-9]{16,128}/#) != nil, secret.count >= 16 else {
                throw ConfigurationError.invalid(
                    key: "ATELIER_ROOT_ACCESS_KEY_ID", value: id,
                    reason: "access key ids are 16-128 upper-case letters and digits; secrets at least 16 characters")
            }
            if try await accessKeys.secret(for: id) != secret {
                _ = try await accessKeys.create(principal: "root", accessKeyId: id, secret: secret)
            }
            return
        }
        guard try await accessKeys.count() == 0 else { return }
        let key = try await accessKeys.create(principal: "root")
        let path = (dataDirectory as NSString).appendingPathComponent("root-credentials")
        let text = """
            [default]
            aws_access_key_id = \(key.accessKeyId)
            aws_secret_access_key = \(key.secretAccessKey)

            """
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw ConfigurationError.unreadable(path: path, reason: "cannot write the root credentials") }
        // Printed once, on the terminal of whoever installs Atelier; never logged.
        FileHandle.standardOutput.write(Data("""
            atelier: created the root access key (also saved to \(path), mode 0600):
              aws_access_key_id     = \(key.accessKeyId)
              aws_secret_access_key = \(key.secretAccessKey)

            """.utf8))
        logger.notice("root access key created", metadata: ["access_key_id": "\(key.accessKeyId)", "file": "\(path)"])
    }
}
