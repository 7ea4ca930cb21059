import Foundation
import NIOHTTP1
import RoundtableClient
import RoundtableDomain
import RoundtableTestSupport
import Testing

/// What an operator runs the node with: HTTPS served by the node itself (checked by curl, a real TLS client), the
/// Prometheus metrics at `/metrics`, and JSON logs.
@Suite("Operations: HTTPS and HTTP/2, /metrics, JSON logs")
struct OperationsTests {
    let directory = NSTemporaryDirectory() + "roundtable-operations-" + UUID().uuidString

    /// Starts a node on a new forum of three members, with more `serve` arguments.
    private func startNode(_ forum: TestForum, _ arguments: [String], environment: [String: String] = [:]) throws -> NodeProcess {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let founders = try forum.founders.map { "\($0.id) \($0.key) \($0.displayName)" }.joined(separator: "\n")
        try Data(founders.utf8).write(to: URL(fileURLWithPath: directory + "/founders.txt"))
        return try NodeProcess(
            arguments: ["--data", directory + "/data", "--founders", directory + "/founders.txt"] + arguments,
            output: URL(fileURLWithPath: directory + "/node.log"), environment: environment)
    }

    /// A self-signed certificate for 127.0.0.1 and its key, made by openssl in the test's directory.
    private func certificate(_ name: String) throws -> (certificate: String, key: String) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let (certificate, key) = (directory + "/\(name).pem", directory + "/\(name).key")
        try Tool.run("openssl", [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", certificate,
            "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        ])
        return (certificate, key)
    }

    /// Runs curl against the node over HTTPS; returns its exit status and output.
    private func curl(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try Tool.status("curl", ["-sS", "--max-time", "10"] + arguments)
    }

    @Test(
        """
        with --tls-cert, --tls-key and --http2, curl verifies the node's certificate, speaks HTTP/2 or HTTP/1.1, posts an act \
        and reads it back; a client that does not trust the certificate, and plain HTTP, get no answer
        """)
    func https() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let forum = try TestForum(origin: "tls.test", memberIDs: ["m1", "m2", "m3"])
        let tls = try certificate("node")
        let node = try startNode(forum, ["--public-url", "https://tls.test", "--tls-cert", tls.certificate, "--tls-key", tls.key, "--http2"])
        try await node.waitUntilListening()
        let base = "https://127.0.0.1:\(node.port)"
        try await waitUntil(attempts: 600) { try curl(["--cacert", tls.certificate, base + "/healthz"]).output == "ok\n" }

        let h2 = try curl(["--cacert", tls.certificate, "-w", "%{http_version}", base + "/healthz"])
        #expect(h2.status == 0 && h2.output == "ok\n2", "HTTP/2 chosen by ALPN: \(h2.output)")
        let h1 = try curl(["--cacert", tls.certificate, "--http1.1", "-w", "%{http_version}", base + "/healthz"])
        #expect(h1.status == 0 && h1.output == "ok\n1.1", "\(h1.output)")

        // An act posted over HTTP/2 is acknowledged and served back byte for byte.
        let entry = try forum.credentialAct(by: "m1", seq: 1, [.addToken(try TestForum.token("tls", 1))])
        try Data(entry).write(to: URL(fileURLWithPath: directory + "/act.txt"))
        let posted = try curl([
            "--cacert", tls.certificate, "-H", "Content-Type: text/plain; charset=utf-8", "--data-binary", "@" + directory + "/act.txt",
            "-w", "\n%{http_code}", base + "/api/v1/acts",
        ])
        #expect(posted.status == 0 && posted.output.hasSuffix("\n201"), "\(posted.output)")
        try await waitUntil {
            try curl(["--cacert", tls.certificate, "-o", directory + "/read.txt", base + "/api/v1/acts/1"]).status == 0
                && FileManager.default.contents(atPath: directory + "/read.txt").map(Array.init) == entry
        }

        // A client without the certificate refuses the connection (curl's 60: the peer's certificate is not trusted).
        #expect(try curl([base + "/healthz"]).status == 60)
        // Plain HTTP to the TLS port gets no HTTP answer.
        let plain = try curl(["-w", "%{http_code}", "http://127.0.0.1:\(node.port)/healthz"])
        #expect(plain.status != 0 && plain.output.hasSuffix("000"), "\(plain.output)")
        #expect(node.stop() == 0)
    }

    @Test("without --http2 HTTPS speaks HTTP/1.1 only; a key that is not the certificate's, or half of the pair, is refused at start")
    func httpsOptions() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let forum = try TestForum(origin: "tls.test", memberIDs: ["m1"])
        let tls = try certificate("node")
        let other = try certificate("other")
        let node = try startNode(forum, ["--public-url", "https://tls.test", "--tls-cert", tls.certificate, "--tls-key", tls.key])
        try await node.waitUntilListening()
        let base = "https://127.0.0.1:\(node.port)"
        try await waitUntil(attempts: 600) { try curl(["--cacert", tls.certificate, base + "/healthz"]).output == "ok\n" }
        let version = try curl(["--cacert", tls.certificate, "--http2", "-w", "%{http_version}", base + "/healthz"])
        #expect(version.output == "ok\n1.1", "no h2 offered: \(version.output)")
        #expect(node.stop() == 0)
        try FileManager.default.removeItem(atPath: directory + "/data")

        let refusals: [([String], String)] = [
            (["--tls-cert", tls.certificate, "--tls-key", other.key], "do not make a usable pair"),
            (["--tls-cert", tls.certificate], "--tls-cert and --tls-key go together"),
            (["--tls-cert", directory + "/founders.txt", "--tls-key", tls.key], "not a readable PEM certificate chain"),
            (["--http2"], "--http2 needs --tls-cert and --tls-key"),
        ]
        for (arguments, message) in refusals {
            let refused = try startNode(forum, ["--public-url", "https://tls.test"] + arguments)
            #expect(refused.waitForExit() == 2, "\(arguments)")
            #expect(refused.log.contains(message), "\(arguments): \(refused.log)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/data"), "nothing was created")
    }

    @Test(
        """
        /metrics answers the operator's token only, with acts accepted and refused by code, commit batches and timings, the \
        checkpoint's age, the log and store sizes, open connections and TAXII requests, in the Prometheus text format
        """)
    func metrics() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let forum = try TestForum(origin: "metrics.test", memberIDs: ["m1", "m2"])
        let node = try startNode(forum, ["--public-url", "http://metrics.test"])
        try await node.waitUntilServing()
        let token = try String(contentsOfFile: directory + "/data/admin.token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)

        for headers in [[:], ["Authorization": "Bearer not-the-token"], ["Authorization": "Basic " + token]] {
            let reply = try await NodeHTTP.get(node.url + "/metrics", headers: headers, timeout: 10)
            #expect(reply.status == .unauthorized && reply.text.contains("admin.token"), "\(headers)")
            #expect(!reply.text.contains("roundtable_"))
        }

        for sequence in 1...5 {
            let entry = try forum.credentialAct(by: "m1", seq: UInt64(sequence), [.addToken(try TestForum.token("m\(sequence)", sequence))])
            #expect(try await postAct(entry, to: node.url).0 == .created)
        }
        // A replay is refused; its code is counted.
        let replay = try forum.credentialAct(by: "m1", seq: 1, [.addToken(try TestForum.token("again", 9))])
        let (status, body) = try await postAct(replay, to: node.url)
        #expect(status.code >= 400)
        let code = try #require(
            (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: [String: Any]])?["error"]?["code"] as? String)
        #expect(try await NodeHTTP.get(node.url + "/taxii2/", timeout: 10).status != .internalServerError)
        try await waitUntil { try await node.get("/log/checkpoint").body.contains("\n6\n") }

        let reply = try await NodeHTTP.get(node.url + "/metrics", headers: ["Authorization": "Bearer " + token], timeout: 10)
        #expect(reply.status == .ok)
        #expect(reply.headers["Content-Type"].first?.hasPrefix("text/plain; version=0.0.4") == true)
        let text = reply.text
        let samples = PrometheusSamples.parse(text)
        // The five credential acts; the genesis act was written when the forum was created, before any commit.
        #expect(samples["roundtable_acts_accepted_total"] == 5, "\(text)")
        #expect(samples["roundtable_acts_refused_total{code=\"\(code)\"}"] == 1, "\(code): \(text)")
        #expect(samples["roundtable_append_batch_acts_count"].map { $0 >= 1 && $0 <= 5 } == true)
        #expect(samples["roundtable_append_batch_acts_sum"] == 5)
        #expect(samples["roundtable_commit_duration_seconds_count"] == samples["roundtable_append_batch_acts_count"])
        #expect(samples["roundtable_log_entries"] == 6)
        #expect(samples["roundtable_log_entries_without_checkpoint"] == 0)
        #expect(samples["roundtable_checkpoint_age_seconds"].map { $0 >= 0 && $0 < 600 } == true)
        #expect(samples["roundtable_store_bytes"].map { $0 > 0 } == true)
        #expect(samples["roundtable_open_connections"].map { $0 >= 1 } == true)
        #expect(samples["roundtable_leading"] == 1)
        #expect(samples["roundtable_delivery_pending_notices"] == 0)
        #expect(text.contains("# TYPE roundtable_commit_duration_seconds histogram"))
        #expect(
            samples.keys.contains { $0.hasPrefix("roundtable_http_requests_total{") && $0.contains("route=\"/taxii2") },
            "TAXII requests are counted by route: \(text)")
        #expect(node.stop() == 0)
    }

    @Test("LOG_FORMAT=json writes one JSON object a line with time, level, label and message; another LOG_FORMAT is refused")
    func jsonLogs() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let forum = try TestForum(origin: "logs.test", memberIDs: ["m1"])
        let node = try startNode(forum, ["--public-url", "http://logs.test"], environment: ["LOG_FORMAT": "json"])
        try await node.waitUntilServing()
        #expect(node.stop() == 0)
        let lines = node.log.split(separator: "\n")
        #expect(lines.count >= 3)
        var messages: [String] = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            #expect(object["time"] is String && object["level"] is String && object["label"] is String, "\(line)")
            messages.append(object["message"] as? String ?? "")
        }
        #expect(messages.contains("Listening") && messages.contains("Created forum"), "\(messages)")

        let refused = try startNode(forum, ["--public-url", "http://logs.test"], environment: ["LOG_FORMAT": "xml"])
        #expect(refused.waitForExit() != 0)
        #expect(refused.log.contains("LOG_FORMAT 'xml' must be 'text' or 'json'"), "\(refused.log)")
    }
}
