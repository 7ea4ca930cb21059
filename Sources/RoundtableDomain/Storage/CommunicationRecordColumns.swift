import TransparencyLog

extension CommunicationRecord {
    /// A record as a row of a store's table: a column for each part, the same in every store.
    ///
    /// - `kind`: `sealed`, `nonces` or `delivered`;
    /// - `actIndex`: the log index of the act the record belongs to (the delivery's `deliver` act for `delivered`);
    /// - `document`: a sealed document's bytes;
    /// - `detail`: a sealed document's recipients as `m1,m2` (absent when the act names them), a check's nonces as
    ///   `contact:hex` pairs, or a delivery's recipient;
    /// - `request`: the request a delivery hands over.
    public struct Columns: Hashable, Sendable {
        /// `sealed`, `nonces` or `delivered`.
        public let kind: String
        /// The log index of the record's act.
        public let actIndex: UInt64
        /// A sealed document's bytes.
        public let document: [UInt8]?
        /// Recipients, nonces or a delivery's recipient, as text.
        public let detail: String?
        /// The request a delivery hands over.
        public let request: UInt64?

        /// A row as read from a store.
        public init(kind: String, actIndex: UInt64, document: [UInt8]?, detail: String?, request: UInt64?) {
            self.kind = kind
            self.actIndex = actIndex
            self.document = document
            self.detail = detail
            self.request = request
        }

        /// The row of a record.
        public init(_ record: CommunicationRecord) {
            switch record {
            case .sealed(_, let document, let recipients):
                let detail = recipients.map { $0.map(\.rawValue).joined(separator: ",") }
                self.init(kind: "sealed", actIndex: record.actIndex, document: document, detail: detail, request: nil)
            case .nonces(_, let nonces):
                let pairs = nonces.keys.sorted().map { "\($0):\(Hex.encode(nonces[$0]!))" }.joined(separator: ",")
                self.init(kind: "nonces", actIndex: record.actIndex, document: nil, detail: pairs, request: nil)
            case .delivered(let delivery, let request):
                self.init(kind: "delivered", actIndex: record.actIndex, document: nil, detail: delivery.recipient.rawValue, request: request)
            }
        }

        /// The record the row holds.
        /// - Parameter withDocument: Whether the row was read with its document: a sealed record's row read without
        ///   gives a record without one.
        /// - Throws: ``UnreadableRecord`` naming what cannot be read.
        public func record(withDocument: Bool = true) throws(UnreadableRecord) -> CommunicationRecord {
            switch kind {
            case "sealed":
                guard document != nil || !withDocument else { throw UnreadableRecord("the document of act \(actIndex)") }
                guard let detail else { return .sealed(index: actIndex, document: document, recipients: nil) }
                var recipients: [MemberID] = []
                for name in detail.split(separator: ",") {
                    guard let recipient = try? MemberID(name) else { throw UnreadableRecord("the recipients of act \(actIndex)") }
                    recipients.append(recipient)
                }
                return .sealed(index: actIndex, document: document, recipients: recipients)
            case "nonces":
                var nonces: [String: [UInt8]] = [:]
                for pair in (detail ?? "").split(separator: ",") {
                    let parts = pair.split(separator: ":")
                    guard parts.count == 2, let nonce = Hex.decode(parts[1]) else { throw UnreadableRecord("the nonces of check \(actIndex)") }
                    nonces[String(parts[0])] = nonce
                }
                return .nonces(check: actIndex, nonces: nonces)
            case "delivered":
                guard let detail, let request, let recipient = try? MemberID(detail) else {
                    throw UnreadableRecord("the request of delivery \(actIndex)")
                }
                return .delivered(delivery: DeliveryID(index: actIndex, recipient: recipient), request: request)
            default:
                throw UnreadableRecord("a record of kind '\(kind)'")
            }
        }
    }

    /// A stored record that cannot be read back.
    public struct UnreadableRecord: Error, Hashable, Sendable, CustomStringConvertible {
        /// What cannot be read.
        public let what: String

        init(_ what: String) { self.what = what }

        public var description: String { "sealed_record: \(what)" }
    }
}
