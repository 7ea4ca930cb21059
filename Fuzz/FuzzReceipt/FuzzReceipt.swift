#if canImport(Glibc)
import Glibc
#endif
import FuzzDriver
import TransparencyLog

/// libFuzzer target: the two formats that put lines before a checkpoint note, tlog-proof receipts
/// (`c2sp.org/tlog-proof@v1`, which the node serves for every act and members keep and verify offline) and tlog-witness
/// `add-checkpoint` requests (which a witness reads from the network).
///
/// - Bytes that parse as either are written back byte for byte.
/// - A receipt and a request of fuzz-chosen index or old size, proof hashes, extra data and note parse back to
///   themselves.
func fuzzReceipt(_ bytes: [UInt8]) {
    if let receipt = try? InclusionReceipt(parsing: bytes), receipt.bytes != bytes {
        fatalError("a receipt is written back otherwise: \(String(decoding: bytes, as: UTF8.self).debugDescription)")
    }
    if let request = try? AddCheckpointRequest(parsing: bytes), request.bytes != bytes {
        fatalError("an add-checkpoint request is written back otherwise: \(String(decoding: bytes, as: UTF8.self).debugDescription)")
    }
    var input = FuzzBytes(bytes)
    let number = input.uint64()
    // Most proofs short, to keep runs fast; some as long as a request may carry.
    let length = input.bool() ? AddCheckpointRequest.maximumProofLength : Int(input.byte() % 8)
    let proof = (0..<length).map { _ in TreeHash(input.padded(TreeHash.byteCount)) }
    let extra = input.bool() ? input.chunk(upTo: 64) : nil
    let note = input.rest()
    let receipt = InclusionReceipt(index: number, proof: proof, checkpoint: note, extra: extra)
    guard (try? InclusionReceipt(parsing: receipt.bytes)) == receipt else {
        fatalError("a receipt does not read back: \(String(decoding: receipt.bytes, as: UTF8.self).debugDescription)")
    }
    let request = AddCheckpointRequest(oldSize: number, proof: proof, checkpoint: note)
    guard (try? AddCheckpointRequest(parsing: request.bytes)) == request else {
        fatalError("a request does not read back: \(String(decoding: request.bytes, as: UTF8.self).debugDescription)")
    }
}

@main
enum Main {
    static func main() {
        exit(runFuzzer { data, count in
            fuzzReceipt(data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
            return 0
        })
    }
}
