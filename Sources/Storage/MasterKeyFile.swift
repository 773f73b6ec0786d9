import Foundation

/// The 256-bit master key, kept in a 0600 file beside the database, with which secrets that must
/// stay recoverable (SigV4 secrets, client secrets, signing keys) are sealed at rest.
public struct MasterKeyFile: Sendable {
    public let path: String

    public init(dataDirectory: String) {
        self.path = (dataDirectory as NSString).appendingPathComponent("master.key")
    }

    /// Returns the 32-byte key, creating it (mode 0600) on first use.
    public func loadOrCreate() throws(StorageError) -> [UInt8] {
        let fm = FileManager.default
        if let data = fm.contents(atPath: path) {
            guard data.count == 32 else {
                throw StorageError.open(path: path, underlying: "master key file has \(data.count) bytes, expected 32")
            }
            return [UInt8](data)
        }
        var key = [UInt8](repeating: 0, count: 32)
        var rng = SystemRandomNumberGenerator()
        for i in key.indices { key[i] = rng.next() }
        let tmp = path + ".tmp-\(getpid())"
        guard fm.createFile(atPath: tmp, contents: Data(key), attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: tmp)
        else {
            throw StorageError.open(path: path, underlying: "cannot create master key file")
        }
        // The key must be on disk before anything sealed with it is.
        try? handle.synchronize()
        try? handle.close()
        guard rename(tmp, path) == 0 else {
            throw StorageError.open(path: path, underlying: "cannot install master key file (errno \(errno))")
        }
        return key
    }
}
