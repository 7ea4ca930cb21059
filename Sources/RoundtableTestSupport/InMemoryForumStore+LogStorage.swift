import Foundation
public import RoundtableDomain
public import TransparencyLog

extension InMemoryForumStore {
    public func entries(from start: UInt64, limit: Int) async throws -> [[UInt8]] {
        let all = allEntries
        guard start < all.count else { return [] }
        return Array(all[Int(start)..<min(all.count, Int(start) + limit)])
    }

    public func integratedTree() async throws -> IntegratedTree { tree }

    public func tiles(_ keys: [TileKey]) async throws -> [TileKey: [TreeHash]] {
        let stored = storedTiles
        return keys.reduce(into: [:]) { result, key in result[key] = stored[key] }
    }

    public func storeIntegration(_ integration: TileBuilder.Integration, previousSize: UInt64) async throws {
        guard tree.size == previousSize else { throw ProofError("the tree moved during integration") }
        record(integration)
    }

    public func latestCheckpoint() async throws -> [UInt8]? { checkpoints.last }

    public func storeCheckpoint(_ note: [UInt8], size: UInt64) async throws {
        addCheckpoint(note, size: size, at: Timestamp(seconds: Int64(Date().timeIntervalSince1970)))
    }

    public func latestCheckpointTime() async throws -> Timestamp? { checkpointTime }

    public func loggingTimes(of indexes: [UInt64]) async throws -> [UInt64: LoggingTime] {
        var times: [UInt64: LoggingTime] = [:]
        for index in indexes {
            let signed = checkpointTimes.filter { $0.size > index }.min { $0.size < $1.size }?.at
            let witnessed = cosigned.filter { $0.key > index }.min { $0.key < $1.key }.map { Timestamp(seconds: $0.value.witnessedAt) }
            if signed != nil || witnessed != nil { times[index] = LoggingTime(signed: signed, witnessed: witnessed) }
        }
        return times
    }

    public func storeCosignedCheckpoint(_ checkpoint: WitnessedCheckpoint) async throws {
        if let failure { throw failure }
        cosigned[checkpoint.size] = checkpoint
    }

    public func latestCosignedCheckpoint() async throws -> WitnessedCheckpoint? {
        cosigned.max { $0.key < $1.key }?.value
    }

    public func firstCosignedCheckpoint(including index: UInt64) async throws -> WitnessedCheckpoint? {
        cosigned.filter { $0.key > index }.min { $0.key < $1.key }?.value
    }

    public func cosignedCheckpoints(after size: UInt64, limit: Int) async throws -> [WitnessedCheckpoint] {
        Array(cosigned.filter { $0.key > size }.sorted { $0.key < $1.key }.prefix(limit).map(\.value))
    }
}
