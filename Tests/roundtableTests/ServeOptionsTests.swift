import ArgumentParser
import RoundtableServer
import Testing

@testable import roundtable

@Suite("roundtable serve options")
struct ServeOptionsTests {
    @Test("defaults: ./roundtable-data, 127.0.0.1:8080, public URL from host and port")
    func defaults() throws {
        let resolved = try ServeOptions.parse([]).resolve(environment: [:])
        #expect(resolved.dataDirectory == "./roundtable-data")
        #expect(resolved.configuration.host == "127.0.0.1")
        #expect(resolved.configuration.port == 8080)
        #expect(resolved.configuration.publicURL == "http://127.0.0.1:8080")
        #expect(try resolved.configuration.origin == "127.0.0.1:8080")
        #expect(resolved.foundersFile == nil)
    }

    @Test("environment variables apply when no flag is given")
    func environment() throws {
        let environment = [
            "ROUNDTABLE_DATA": "/srv/rt", "ROUNDTABLE_HOST": "0.0.0.0", "ROUNDTABLE_PORT": "9000",
            "ROUNDTABLE_PUBLIC_URL": "https://forum.example.org/", "ROUNDTABLE_FOUNDERS": "f.txt",
            "ROUNDTABLE_FORUM_NAME": "Cyber Forum",
        ]
        let resolved = try ServeOptions.parse([]).resolve(environment: environment)
        #expect(resolved.dataDirectory == "/srv/rt")
        #expect(resolved.configuration.host == "0.0.0.0")
        #expect(resolved.configuration.port == 9000)
        #expect(try resolved.configuration.origin == "forum.example.org")
        #expect(resolved.foundersFile == "f.txt")
        #expect(resolved.forumName == "Cyber Forum")
    }

    @Test("flags win over environment variables")
    func flagsWin() throws {
        let options = try ServeOptions.parse(["--data", "here", "--port", "7000", "--public-url", "http://a.example/forum"])
        let resolved = try options.resolve(environment: ["ROUNDTABLE_DATA": "there", "ROUNDTABLE_PORT": "9000"])
        #expect(resolved.dataDirectory == "here")
        #expect(resolved.configuration.port == 7000)
        #expect(try resolved.configuration.origin == "a.example/forum")
    }

    @Test("--demo uses its own data directory unless one is given")
    func demoDirectory() throws {
        #expect(try ServeOptions.parse(["--demo"]).resolve(environment: [:]).dataDirectory == "./roundtable-demo")
        #expect(try ServeOptions.parse(["--demo", "--data", "d"]).resolve(environment: [:]).dataDirectory == "d")
    }

    @Test(
        "a bad port or public URL is a usage error",
        arguments: [
            (["--port", "70000"], [String: String]()), ([], ["ROUNDTABLE_PORT": "eighty"]),
            (["--public-url", "ftp://x"], [:]), (["--public-url", "http://"], [:]), (["--public-url", "http://a b"], [:]),
        ]
    )
    func badValues(_ arguments: [String], environment: [String: String]) throws {
        #expect(throws: ValidationError.self) { try ServeOptions.parse(arguments).resolve(environment: environment) }
    }
}
