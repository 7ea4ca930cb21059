import Foundation
import RoundtableDelivery
import RoundtableTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("MailSender", .hangGuard)
struct MailSenderTests {
    static let longFetch = "https://forum.test/api/v1/inbox/42?view=check&contact=ee-cert&from=2025-06-30T12%3A00%3A00Z&page=first-of-many"

    @Test("a check in Russian reaches a real SMTP server through msmtp, with its nonce, link and deadline, and nothing sealed")
    func delivered() async throws {
        let sink = try MailSink()
        defer { sink.stop() }
        let sender = MailSender(configuration: .init(from: "Forum test <node@forum.test>", command: try sink.msmtpCommand(from: "node@forum.test")))
        try await sender.send(Fixtures.check(fetch: Self.longFetch), to: "cert@ee.test", language: "ru")
        let message = try #require(try sink.messages().first)
        #expect(try sink.messages().count == 1)
        #expect(message.rcptTos == ["cert@ee.test"])
        #expect(message.headers["Subject"] == "[forum.test] Проверка связи ожидает вашего подтверждения (#42)")
        #expect(message.headers["From"] == "Forum test <node@forum.test>" && message.headers["To"] == "cert@ee.test")
        #expect(message.headers["MIME-Version"] == "1.0" && message.headers["Content-Transfer-Encoding"] == "quoted-printable")
        #expect(message.headers["Message-ID"]?.hasSuffix(".42@forum.test>") == true && message.headers["Date"]?.hasSuffix("+0000") == true)
        #expect(message.contentType == "text/plain" && message.charset == "utf-8" && !message.multipart)
        let body = message.body
        #expect(body.hasPrefix("Проверка связи ожидает вашего подтверждения\n"))
        #expect(body.contains("Открыть: \(Self.longFetch)\n"))
        #expect(body.contains(": \(Fixtures.nonce)\n") && body.contains("Срок (UTC): 2025-07-01T12:00:00Z\n"))
        #expect(body.split(separator: "\n").count == 7)
        let raw = try sink.raw(1)
        #expect(raw.allSatisfy { $0 < 128 })
        #expect(String(decoding: raw, as: UTF8.self).contains("Subject: =?UTF-8?B?"))
    }

    @Test("each of the six languages, and English for another, survives the trip through the transfer agent")
    func languages() async throws {
        let sink = try MailSink()
        defer { sink.stop() }
        let sender = MailSender(configuration: .init(from: "node@forum.test", command: try sink.msmtpCommand(from: "node@forum.test")))
        let languages = ["ar", "zh", "en", "fr", "ru", "es", "de", "fr-CA"]
        var expected: [String] = []
        for (offset, language) in languages.enumerated() {
            var notice = Fixtures.check(index: UInt64(offset))
            notice.kind = [.check, .request, .answer, .acknowledgement, .overdue, .closed][offset % 6]
            expected.append(try sender.message(for: notice, to: "cert@ee.test", language: language).subject)
            try await sender.send(notice, to: "cert@ee.test", language: language)
        }
        let subjects = try sink.messages().map { $0.headers["Subject"] ?? "" }
        #expect(subjects == expected)
        #expect(expected[6] == "[forum.test] A communication check awaits your acknowledgement (#6)")
        #expect(expected[7] == "[forum.test] Une demande vous attend (#7)")
        let german = try sender.message(for: Fixtures.check(), to: "cert@ee.test", language: "de")
        let english = try sender.message(for: Fixtures.check(), to: "cert@ee.test", language: "en")
        #expect(german.subject == english.subject && german.body == english.body)
    }

    @Test("a command that fails is a failure carrying its status and what it wrote")
    func commandFails() async throws {
        let command = ["/bin/sh", "-c", "echo 'no route to mail host' >&2; exit 75"]
        let failing = MailSender(configuration: .init(from: "node@forum.test", command: command))
        let error = await #expect(throws: DeliveryError(.mailCommandFailed, "")) {
            try await failing.send(Fixtures.check(), to: "cert@ee.test", language: "en")
        }
        #expect(error?.message.contains("status 75") == true && error?.message.contains("no route to mail host") == true)
        let missing = MailSender(configuration: .init(from: "node@forum.test", command: ["/nonexistent/sendmail", "-t"]))
        let notRun = await #expect(throws: DeliveryError(.mailCommandFailed, "")) {
            try await missing.send(Fixtures.check(), to: "cert@ee.test", language: "en")
        }
        #expect(notRun?.message.contains("cannot run /nonexistent/sendmail") == true)
    }

    @Test("a command that outlives its timeout is ended, and not left running")
    func timeout() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("roundtable-mail-timeout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pidFile = directory.appendingPathComponent("pid").path
        let command = ["/bin/sh", "-c", "echo $$ > \(pidFile); exec sleep 600"]
        let slow = MailSender(configuration: .init(from: "node@forum.test", command: command, timeout: .milliseconds(300)))
        await #expect(throws: DeliveryError(.timedOut, "")) { try await slow.send(Fixtures.check(), to: "cert@ee.test", language: "en") }
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
    }

    @Test("stopping the queue ends a mail command in progress, reports the attempt as not final, and leaves no process")
    func stoppedWhileSending() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("roundtable-mail-stop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pidFile = directory.appendingPathComponent("pid").path
        let command = ["/bin/sh", "-c", "echo $$ > \(pidFile).tmp && mv \(pidFile).tmp \(pidFile) && exec sleep 600"]
        let hanging = MailSender(configuration: .init(from: "node@forum.test", command: command, timeout: .seconds(600)))
        let log = OutcomeLog()
        let queue = DeliveryQueue(webhook: nil, mail: hanging, report: log.report)
        let outcome = try await DeliveryQueueTests.running(queue) {
            try queue.enqueue(Fixtures.check(), to: .mail(address: "cert@ee.test", language: "en"))
            // Wait for the command to have started, then stop the queue while it runs.
            while !FileManager.default.fileExists(atPath: pidFile) { try await Task.sleep(for: .milliseconds(10)) }
            queue.shutdown()
            var outcomes = log.outcomes.makeAsyncIterator()
            return await outcomes.next()
        }
        #expect(outcome?.delivered == false && outcome?.final == false && outcome?.detail.hasPrefix("stopped") == true)
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
    }

    @Test("an address that is not a plain local@domain is refused before any command runs")
    func badAddress() async throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("roundtable-mail-ran-\(UUID().uuidString)").path
        let sender = MailSender(configuration: .init(from: "node@forum.test", command: ["/bin/sh", "-c", "touch \(marker)"]))
        for address in ["cert@ee.test\nBcc: all@example.org", "Cert <cert@ee.test>", "-oQ/tmp@ee.test", "cert", "a@b@ee.test", "a, b@ee.test"] {
            await #expect(throws: DeliveryError(.refusedDestination, "")) { try await sender.send(Fixtures.check(), to: address, language: "en") }
        }
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test("the queue delivers by mail through the transfer agent and reports it")
    func queued() async throws {
        let sink = try MailSink()
        defer { sink.stop() }
        let sender = MailSender(configuration: .init(from: "node@forum.test", command: try sink.msmtpCommand(from: "node@forum.test")))
        let log = OutcomeLog()
        let queue = DeliveryQueue(webhook: nil, mail: sender, report: log.report)
        let outcomes = try await DeliveryQueueTests.running(queue) {
            try queue.enqueue(Fixtures.check(), to: .mail(address: "cert@ee.test", language: "es"))
            return await log.untilFinal()
        }
        #expect(outcomes.count == 1)
        #expect(outcomes.first?.delivered == true && outcomes.first?.channel == .mail && outcomes.first?.destination == "cert@ee.test")
        #expect(outcomes.first?.detail == "mail accepted")
        #expect(try sink.messages().first?.headers["Subject"] == "[forum.test] Una comprobación de comunicación espera su acuse de recibo (#42)")
    }
}
