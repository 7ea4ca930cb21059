import Crypto
import RoundtableExchange

/// TLP-marked indicators of about 1 KiB whose text varies as real reports do: a random id, a file hash, an address and
/// a description of words drawn at random from a vocabulary, so that gzip meets the redundancy of real STIX (the same
/// keys, markings and timestamps in every object) rather than that of one sentence repeated.
enum BenchVariedIndicator {
    private static let vocabulary = """
        actor campaign phishing lure attachment macro loader dropper beacon implant persistence registry scheduled task \
        credential harvesting domain infrastructure hosting provider certificate sinkhole telemetry observed network \
        traffic encrypted channel exfiltration archive staging lateral movement remote service account privilege \
        escalation vulnerability exploit patch advisory ministry embassy procurement invoice shipment customs energy \
        grid operator water utility hospital university research defence contractor supply chain update signed binary \
        sideloading library memory resident script interpreter command line obfuscated string base64 payload second \
        stage server rotated weekly fast flux resolver tunnel proxy residential botnet router firmware botnet takedown \
        partner report confidence moderate high low assessed likely linked previous activity cluster overlap tooling
        """.split(separator: " ").map(String.init)

    /// The object numbered `number`; the same number gives the same object.
    static func make(_ number: Int) -> String {
        var noise = Noise(seed: number)
        let levels = [TLPLevel.clear, .green, .amber, .red]
        let level = levels[number % 4]
        let id = "indicator--\(noise.hex(8))-\(noise.hex(4))-4\(noise.hex(3))-8\(noise.hex(3))-\(noise.hex(12))"
        let recipients = level == .red ? ",\"x_roundtable_recipients\":[\"m2\"]" : ""
        let words = (0..<95).map { _ in vocabulary[Int(noise.byte()) % vocabulary.count] }.joined(separator: " ")
        let address = (0..<4).map { _ in String(noise.byte()) }.joined(separator: ".")
        return """
            {"type":"indicator","spec_version":"2.1","id":"\(id)","created":"2026-11-29T09:00:00.000Z","modified":"2026-11-29T09:00:00.000Z",\
            "name":"File \(noise.hex(8)) seen with \(address)","description":"\(words)",\
            "pattern":"[file:hashes.'SHA-256' = '\(noise.hex(64))'] OR [ipv4-addr:value = '\(address)']",\
            "pattern_type":"stix","valid_from":"2026-11-29T09:00:00Z","object_marking_refs":["\(level.markingID)"]\(recipients)}
            """
    }

    /// Bytes that look random but depend on the seed alone: SHA-256 of the seed and a counter, so that a run can be
    /// repeated.
    private struct Noise {
        let seed: Int
        private var counter = 0
        private var pool: [UInt8] = []

        init(seed: Int) { self.seed = seed }

        mutating func byte() -> UInt8 {
            if pool.isEmpty {
                pool = Array(SHA256.hash(data: Array("\(seed)/\(counter)".utf8)))
                counter += 1
            }
            return pool.removeLast()
        }

        mutating func hex(_ digits: Int) -> String {
            String((0..<digits).map { _ in Array("0123456789abcdef")[Int(byte() % 16)] })
        }
    }
}
