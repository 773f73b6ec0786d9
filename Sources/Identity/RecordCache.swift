import Foundation
import GRDB
import Synchronization

/// Read-mostly records (pools, app clients) kept in memory between requests, so that the calls
/// that only read them — every signed `DescribeUserPool`, every sign-in's client and pool
/// lookup — neither wait for a database reader nor decode the same JSON settings again.
///
/// Coherence: a `TableWatch` on the store's writer empties the cache after every committed
/// transaction that touched the records' tables, and a reader that started before such a
/// commit cannot put its (possibly older) result back (`Ticket`). Entries also expire after
/// `timeToLive`, which bounds staleness for changes made outside this process (`atelier serve`
/// holds the data directory's lock, so these are only hand edits of the database).
final class RecordCache<Value: Sendable>: Sendable {
    /// Taken before a database read; storing with a ticket from before the last invalidation
    /// is a no-op.
    struct Ticket: Sendable {
        fileprivate let generation: UInt64
    }

    private struct Entry {
        let value: Value
        let expires: ContinuousClock.Instant
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())
    let timeToLive: Duration
    let capacity: Int

    init(timeToLive: Duration = .seconds(2), capacity: Int = 4096) {
        self.timeToLive = timeToLive
        self.capacity = capacity
    }

    /// The cached value, unless absent or expired.
    func value(for key: String) -> Value? {
        let now = ContinuousClock.now
        return state.withLock { state in
            guard let entry = state.entries[key] else { return nil }
            guard entry.expires > now else {
                state.entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    func ticket() -> Ticket {
        state.withLock { Ticket(generation: $0.generation) }
    }

    func store(_ value: Value, for key: String, ticket: Ticket) {
        let expires = ContinuousClock.now + timeToLive
        state.withLock { state in
            guard state.generation == ticket.generation else { return }
            // Full means many distinct ids were looked up: start over rather than track recency.
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(value: value, expires: expires)
        }
    }

    func invalidateAll() {
        state.withLock { state in
            state.generation &+= 1
            state.entries.removeAll(keepingCapacity: true)
        }
    }

    /// Reads through the cache: a hit returns at once, a miss runs `load` and keeps its result.
    func value(for key: String, load: () async throws -> Value) async rethrows -> Value {
        if let cached = value(for: key) { return cached }
        let ticket = ticket()
        let loaded = try await load()
        store(loaded, for: key, ticket: ticket)
        return loaded
    }
}

/// Calls `onCommit` after each committed transaction that made a change `watches` selects.
/// GRDB calls observers on the writer's queue, one transaction at a time.
final class TableWatch: TransactionObserver, Sendable {
    private let watches: @Sendable (DatabaseEventKind) -> Bool
    private let onCommit: @Sendable () -> Void
    private let changed = Mutex(false)

    init(watches: @escaping @Sendable (DatabaseEventKind) -> Bool, onCommit: @escaping @Sendable () -> Void) {
        self.watches = watches
        self.onCommit = onCommit
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { watches(eventKind) }

    func databaseDidChange() {
        changed.withLock { $0 = true }
    }

    func databaseDidChange(with event: DatabaseEvent) {
        changed.withLock { $0 = true }
        // One change is enough to know; skip the rest of this transaction's rows.
        stopObservingDatabaseChangesUntilNextTransaction()
    }

    func databaseDidCommit(_ db: GRDB.Database) {
        if changed.withLock({ flag in defer { flag = false }; return flag }) { onCommit() }
    }

    func databaseDidRollback(_ db: GRDB.Database) {
        changed.withLock { $0 = false }
    }
}

extension DatabaseEventKind {
    var table: String {
        switch self {
        case .insert(let table), .delete(let table), .update(let table, _): table
        }
    }

    /// Inserts and deletes change how many rows a table has; updates do not.
    var changesRowCount: Bool {
        if case .update = self { return false }
        return true
    }
}
