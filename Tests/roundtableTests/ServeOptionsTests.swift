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

    @Test("connection limits: defaults, flags over the environment, and values out of range refused with the option's name")
    func connectionLimits() throws {
        let defaults = try ServeOptions.parse([]).resolve(environment: [:]).configuration.connections
        #expect(defaults == ConnectionLimits())
        #expect(defaults.idleTimeout == .seconds(60) && defaults.requestHeadTimeout == .seconds(15))
        #expect(defaults.maximumConnections == OpenFileLimit.current.soft - ConnectionLimits.descriptorsForTheNode)

        let environment = ["ROUNDTABLE_IDLE_TIMEOUT": "5", "ROUNDTABLE_HEAD_TIMEOUT": "2.5", "ROUNDTABLE_MAX_CONNECTIONS": "300"]
        let fromEnvironment = try ServeOptions.parse(["--body-timeout", "7"]).resolve(environment: environment).configuration.connections
        #expect(fromEnvironment.idleTimeout == .seconds(5))
        #expect(fromEnvironment.requestHeadTimeout == .milliseconds(2500))
        #expect(fromEnvironment.requestBodyTimeout == .seconds(7))
        #expect(fromEnvironment.maximumConnections == 300 && fromEnvironment.reserve == 18)
        let flags = try ServeOptions.parse(["--idle-timeout", "9", "--max-connections", "40"]).resolve(environment: environment)
        #expect(flags.configuration.connections.idleTimeout == .seconds(9) && flags.configuration.connections.maximumConnections == 40)

        for (arguments, name) in [(["--idle-timeout", "0"], "--idle-timeout"), (["--head-timeout=-1"], "--head-timeout"),
            (["--body-timeout", "100000"], "--body-timeout"), (["--max-connections", "1"], "--max-connections")]
        {
            #expect { try ServeOptions.parse(arguments).resolve(environment: [:]) } throws: { error in
                (error as? ValidationError)?.message.contains(name) == true
            }
        }
        #expect(throws: ValidationError.self) { try ServeOptions.parse([]).resolve(environment: ["ROUNDTABLE_IDLE_TIMEOUT": "soon"]) }
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
