import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RoundtableDelivery
import RoundtableTestSupport
import Testing
import TransparencyLog

@Suite("WebhookSender", .hangGuard)
struct WebhookSenderTests {
    @Test("a notice is posted as JSON, signed so that the receiver's documented check passes")
    func delivered() async throws {
        let signer = try Fixtures.nodeKey()
        let receiver = WebhookReceiver(verifierKey: signer.verifier.description)
        let status = try await receiver.serve { url in try await WebhookSender(signer: signer).send(Fixtures.check(), to: url) }
        #expect(status == 202)
        let received = try #require(receiver.received.first)
        #expect(receiver.received.count == 1)
        #expect(received.refusal == nil)
        #expect(received.headers["content-type"] == "application/json")
        #expect(try Notice(json: received.body) == Fixtures.check())
        #expect(received.body == Fixtures.check().json)
    }

    @Test("the receiver refuses a body signed by another key, or signed long ago")
    func refused() async throws {
        let forum = try Fixtures.nodeKey()
        let receiver = WebhookReceiver(verifierKey: forum.verifier.description)
        try await receiver.serve { url in
            let impostor = WebhookSender(signer: try Fixtures.nodeKey())
            await #expect(throws: DeliveryError(.rejected, "")) { try await impostor.send(Fixtures.check(), to: url) }
            let late = WebhookSender(signer: forum)
            let error = await #expect(throws: DeliveryError(.rejected, "")) {
                try await late.send(Fixtures.check(), to: url, at: Date().addingTimeInterval(-600))
            }
            #expect(error?.message.hasPrefix("HTTP 401") == true)
        }
        #expect(receiver.received.map(\.refusal) == ["unknown key", "stale timestamp"])
    }

    @Test("the receiver refuses a tampered body")
    func tampered() async throws {
        let signer = try Fixtures.nodeKey()
        let receiver = WebhookReceiver(verifierKey: signer.verifier.description)
        let status = try await receiver.serve { url in
            var request = HTTPClientRequest(url: url.absoluteString)
            request.method = .POST
            for (name, value) in try WebhookSignature.sign(Fixtures.check().json, with: signer).headers {
                request.headers.add(name: name, value: value)
            }
            request.body = .bytes(ByteBuffer(bytes: Fixtures.check(index: 43).json))
            return try await HTTPClient.shared.execute(request, timeout: .seconds(10)).status.code
        }
        #expect(status == 401)
        #expect(receiver.received.map(\.refusal) == ["bad signature"])
    }

    @Test("a URL that is not https is refused before any request, except http to a loopback address")
    func onlyHTTPS() async throws {
        let signer = try Fixtures.nodeKey()
        let receiver = WebhookReceiver(verifierKey: signer.verifier.description)
        try await receiver.serve { url in
            let port = url.port!
            let sender = WebhookSender(signer: signer)
            for refused in ["http://127.0.0.2:\(port)/hook", "http://forum.test:\(port)/hook", "ftp://127.0.0.1:\(port)/hook",
                            "http://user:secret@127.0.0.1:\(port)/hook", "file:///etc/passwd"] {
                let error = await #expect(throws: DeliveryError(.refusedDestination, "")) {
                    try await sender.send(Fixtures.check(), to: URL(string: refused)!)
                }
                #expect(error?.message.contains("https") == true || error?.message.contains("credentials") == true)
            }
            #expect(receiver.received.isEmpty)
            for allowed in ["http://localhost:\(port)/hook", "http://127.0.0.1:\(port)/hook"] {
                try await sender.send(Fixtures.check(), to: URL(string: allowed)!)
            }
        }
        #expect(receiver.received.count == 2)
        try WebhookSender.checkDestination(URL(string: "https://cert.example.org/roundtable")!)
        try WebhookSender.checkDestination(URL(string: "http://[::1]:8080/hook")!)
    }

    @Test("another status than 2xx, or nobody listening, is a failure that says why")
    func failures() async throws {
        let signer = try Fixtures.nodeKey()
        let receiver = WebhookReceiver(verifierKey: signer.verifier.description, failFirst: 1)
        let port = try await receiver.serve { url in
            let error = await #expect(throws: DeliveryError(.rejected, "")) {
                try await WebhookSender(signer: signer).send(Fixtures.check(), to: url)
            }
            #expect(error?.message.hasPrefix("HTTP 503") == true)
            return url.port!
        }
        // The receiver has stopped: its port no longer answers.
        let error = await #expect(throws: DeliveryError(.unreachable, "")) {
            try await WebhookSender(signer: signer).send(Fixtures.check(), to: URL(string: "http://127.0.0.1:\(port)/hook")!)
        }
        #expect(error?.message.contains("127.0.0.1:\(port)") == true)
    }
}
