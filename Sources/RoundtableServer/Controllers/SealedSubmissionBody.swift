import Foundation
import HTTPTypes
import NIOCore
import RoundtableAPI
import RoundtableDomain
import RoundtableJSON

/// The JSON form of a submitted act, `{"act": NOTE, "sealed": BASE64}`, read into the note's bytes and the sealed
/// document's bytes; anything malformed is a 400 with its own code, before the forum sees it.
struct SealedSubmissionBody {
    /// The signed note's bytes.
    let act: [UInt8]
    /// The sealed document's bytes, if any.
    let sealed: [UInt8]?

    /// The most bytes read: an act, a sealed document in base64, and the JSON around them.
    static var readLimit: Int { ForumState.maximumActSize * 2 + (SealedDocuments.maximumSize / 3 + 1) * 4 + 1_024 }

    /// Decodes the body: a JSON object whose `act` is a string and whose `sealed`, if there, is a string or `null`;
    /// other members are ignored.
    static func decode(_ body: ByteBuffer) throws -> SealedSubmissionBody {
        let malformed = APIError(
            .badRequest, code: "malformed_json",
            "the body is not a JSON object {\"act\": \"SIGNED NOTE\", \"sealed\": \"BASE64\"} (\"sealed\" may be left out)")
        guard let object = try? JSONParser.parse(Array(body.readableBytesView)), object.members != nil, let act = object["act"]?.string
        else { throw malformed }
        let sealed: String
        switch object["sealed"] {
        case nil, .null?: return SealedSubmissionBody(act: Array(act.utf8), sealed: nil)
        case .string(let text)?: sealed = text
        default: throw malformed
        }
        guard let bytes = Data(base64Encoded: sealed) else {
            throw APIError(.badRequest, code: "malformed_base64", "\"sealed\" is not standard base64 (RFC 4648 section 4, with padding)")
        }
        return SealedSubmissionBody(act: Array(act.utf8), sealed: Array(bytes))
    }
}
