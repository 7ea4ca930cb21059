import Foundation
import RoundtableDelivery
import Testing
import TransparencyLog

@Suite("WebhookSignature")
struct WebhookSignatureTests {
    let body = Fixtures.check().json
    let now = Date(timeIntervalSince1970: 1_751_371_200)

    @Test("a signed body verifies with the forum's verifier key, parsed from its C2SP text")
    func verifies() throws {
        let signer = try Fixtures.nodeKey()
        let headers = try WebhookSignature.sign(body, with: signer, at: now).headers
        let key = try NoteVerifier(parsing: signer.verifier.description)
        let signed = try WebhookSignature.verify(headers: headers, body: body, key: key, now: now.addingTimeInterval(299))
        #expect(signed.timestamp == 1_751_371_200)
        #expect(headers["Roundtable-Timestamp"] == "1751371200")
        #expect(headers["Roundtable-Signature"]?.hasPrefix("forum.test ") == true)
        #expect(WebhookReceiver.check(headers: Self.lowercased(headers), body: body, verifierKey: key.description, now: now) == nil)
    }

    @Test("header names are matched without regard to case")
    func caseInsensitive() throws {
        let signer = try Fixtures.nodeKey()
        let headers = Self.lowercased(try WebhookSignature.sign(body, with: signer, at: now).headers)
        try WebhookSignature.verify(headers: headers, body: body, key: signer.verifier, now: now)
    }

    @Test("a tampered body is a bad signature")
    func tampered() throws {
        let signer = try Fixtures.nodeKey()
        let headers = try WebhookSignature.sign(body, with: signer, at: now).headers
        var tampered = Fixtures.check()
        tampered.fetch = "https://elsewhere.test/inbox/42"
        #expect(throws: WebhookSignatureError(.badSignature, "")) {
            try WebhookSignature.verify(headers: headers, body: tampered.json, key: signer.verifier, now: now)
        }
        var later = headers
        later["Roundtable-Timestamp"] = "1751371201"
        #expect(throws: WebhookSignatureError(.badSignature, "")) {
            try WebhookSignature.verify(headers: later, body: body, key: signer.verifier, now: now)
        }
    }

    @Test("a signature by another key, even under the forum's name, is an unknown key")
    func wrongKey() throws {
        let forum = try Fixtures.nodeKey()
        let impostor = try Fixtures.nodeKey()
        let headers = try WebhookSignature.sign(body, with: impostor, at: now).headers
        let error = #expect(throws: WebhookSignatureError(.unknownKey, "")) {
            try WebhookSignature.verify(headers: headers, body: body, key: forum.verifier, now: now)
        }
        #expect(error?.message.contains(String(describing: impostor.verifier.keyID)) == true)
        let renamed = try WebhookSignature.sign(body, with: try forum.renamed("other.test"), at: now).headers
        #expect(throws: WebhookSignatureError(.unknownKey, "")) {
            try WebhookSignature.verify(headers: renamed, body: body, key: forum.verifier, now: now)
        }
    }

    @Test("a timestamp further than the tolerance from the receiver's clock, either way, is stale")
    func stale() throws {
        let signer = try Fixtures.nodeKey()
        let headers = try WebhookSignature.sign(body, with: signer, at: now).headers
        for clock in [now.addingTimeInterval(301), now.addingTimeInterval(-301)] {
            #expect(throws: WebhookSignatureError(.staleTimestamp, "")) {
                try WebhookSignature.verify(headers: headers, body: body, key: signer.verifier, now: clock)
            }
        }
        try WebhookSignature.verify(headers: headers, body: body, key: signer.verifier, now: now.addingTimeInterval(3000), tolerance: .seconds(3600))
    }

    @Test("missing and malformed headers say which")
    func malformed() throws {
        let signer = try Fixtures.nodeKey()
        let headers = try WebhookSignature.sign(body, with: signer, at: now).headers
        #expect(throws: WebhookSignatureError(.missingHeader, "")) {
            try WebhookSignature.verify(headers: headers.filter { $0.key != "Roundtable-Signature" }, body: body, key: signer.verifier, now: now)
        }
        for (name, value) in [("Roundtable-Timestamp", "-5"), ("Roundtable-Timestamp", "12.5"), ("Roundtable-Signature", "forum.test"),
                              ("Roundtable-Signature", "forum.test AAAA")] {
            var broken = headers
            broken[name] = value
            #expect(throws: WebhookSignatureError(.malformedHeader, "")) {
                try WebhookSignature.verify(headers: broken, body: body, key: signer.verifier, now: now)
            }
        }
    }

    static func lowercased(_ headers: [String: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: headers.map { ($0.key.lowercased(), $0.value) })
    }
}
