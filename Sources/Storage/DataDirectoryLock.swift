import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One server per data directory: an exclusive `flock` on `<data dir>/atelier.lock`, held for
/// the life of this object. The kernel releases it when the process exits, `kill -9` included,
/// so a crashed server never leaves a stale lock behind. The holder's pid is written into the
/// file so that the refusal can name it.
///
/// Servers keep caches that only their own writes invalidate; two servers on one database
/// would serve each other's stale state, so the second one must not start.
public final class DataDirectoryLock: Sendable {
    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Takes the lock or throws `StorageError.locked` naming the process that holds it.
    public static func acquire(dataDirectory: String) throws(StorageError) -> DataDirectoryLock {
        let path = (dataDirectory as NSString).appendingPathComponent("atelier.lock")
        do {
            try FileManager.default.createDirectory(
                atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StorageError.open(path: dataDirectory, underlying: "cannot create the data directory: \(error)")
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StorageError.open(path: path, underlying: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = read(fd, &buffer, buffer.count)
            close(fd)
            guard code == EWOULDBLOCK else {
                throw StorageError.open(path: path, underlying: String(cString: strerror(code)))
            }
            let holder = count > 0 ? String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
            throw StorageError.locked(dataDirectory: dataDirectory, holderPid: Int(holder))
        }
        let pid = Array("\(getpid())\n".utf8)
        if ftruncate(fd, 0) == 0 { _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } }
        return DataDirectoryLock(path: path, descriptor: fd)
    }
}
