#!/usr/bin/env python3
"""Checks that every Swift file imports only what its target's floor allows (docs/design/architecture.md), and that
the tests of the floors below the node link no HTTP server and no store.

The node (RoundtableNode) speaks no HTTP; the wire types (RoundtableAPI) and the client library (RoundtableClient)
link neither the server nor a store; the command-line tool's client commands import no store and no node; the
witness's checks import neither HTTP nor SQL. Run from
the repository root; exits 1 and names each file and import that breaks a rule."""

import pathlib
import re
import sys

FOUNDATION = {"Foundation", "FoundationEssentials", "Dispatch", "Synchronization", "Glibc", "Musl", "Darwin"}

# The persistent hash trees the forum's state keeps its growing collections in: a value type like the standard library's.
COLLECTIONS = {"HashTreeCollections"}

# What each target may import besides the Swift standard library and FOUNDATION.
ALLOWED = {
    "TransparencyLog": {"Crypto"},
    # A strict RFC 8259 parser and writer, for STIX objects and sealed documents: the standard library only.
    "RoundtableJSON": set(),
    "RoundtableDomain": {"TransparencyLog", "RoundtableJSON"},
    "RoundtableAPI": set(),
    "RoundtableExchange": {"RoundtableDomain", "RoundtableJSON", "TransparencyLog", "Crypto"},
    "RoundtableStorageSQLite": {"RoundtableDomain", "TransparencyLog", "GRDB"},
    "RoundtableStoragePostgres": {"RoundtableDomain", "TransparencyLog", "PostgresNIO", "Logging", "NIOCore", "NIOSSL"},
    # _FoundationICU: the ICU that Foundation ships, for CLDR plural rules (PluralRules.swift).
    "RoundtableWeb": {"RoundtableDomain", "RoundtableExchange", "TransparencyLog", "Mustache", "Ink", "_FoundationICU"},
    "RoundtableNode": {
        "RoundtableDomain", "RoundtableExchange", "RoundtableJSON", "TransparencyLog", "Crypto", "Logging", "NIOCore", "NIOPosix",
        "ServiceLifecycle",
        # Counts and timings through swift-metrics' API; the back-end is the process's choice (NodeMetrics).
        "Metrics", "CoreMetrics",
    },
    "RoundtableClient": {"RoundtableAPI", "RoundtableDomain", "TransparencyLog", "AsyncHTTPClient", "NIOCore", "NIOHTTP1"},
    "RoundtableDataDirectory": {"RoundtableClient", "RoundtableStorageSQLite", "TransparencyLog"},
    "RoundtableServer": {
        "RoundtableAPI", "RoundtableDomain", "RoundtableExchange", "RoundtableJSON", "RoundtableNode", "RoundtableWeb", "TransparencyLog",
        "Hummingbird",
        "HTTPTypes", "NIOCore", "Logging", "ServiceLifecycle", "Crypto", "HummingbirdCore", "NIOConcurrencyHelpers", "NIOHTTPTypes",
        "NIOHTTPTypesHTTP1", "CompressNIO", "RoundtableDelivery",
        # A front-end that does not lead forwards the writes it takes to the one that does (WriteForwarding), with
        # AsyncHTTPClient, whose requests have NIOHTTP1's methods and headers.
        "AsyncHTTPClient", "NIOHTTP1",
        # HTTPS served directly, HTTP/2 by ALPN, and `/metrics` (MetricsController).
        "HummingbirdTLS", "HummingbirdHTTP2", "NIOSSL", "Metrics", "CoreMetrics",
    },
    # Delivery tells a recipient that something awaits it: webhooks over HTTP, mail through the host's MTA; no store, no node.
    "RoundtableDelivery": {"TransparencyLog", "AsyncHTTPClient", "NIOCore", "NIOHTTP1", "ServiceLifecycle"},
    # The PostgreSQL store's tests, and the process tests that run a node on it, make databases in the test cluster.
    "RoundtableTestSupport": {
        "RoundtableDomain", "RoundtableNode", "TransparencyLog", "Logging", "Testing", "RoundtableStoragePostgres", "PostgresNIO",
    },
}

# The witness (RoundtableWitness): its checks, its audit (the forum's replay) and its store protocol know no HTTP and
# no SQL; its SQLite store is in SQLite/, its routes in HTTP/.
WITNESS_CORE = {"TransparencyLog", "RoundtableDomain", "Crypto"}
WITNESS_FOLDERS = {
    "SQLite": WITNESS_CORE | {"GRDB", "RoundtableStorageSQLite"},
    "HTTP": WITNESS_CORE | {"Hummingbird", "HTTPTypes", "NIOCore", "Logging"},
}

# The command-line tool: the files that run a node may import the node, the server and the store; every other file
# is a client command, which talks to a node over HTTP only.
SERVE_FILES = {"Serve.swift", "ServeStartup.swift", "ServeOptions.swift", "DemoForum.swift", "DemoGovernance.swift", "DemoExchange.swift",
               "DemoWitnesses.swift", "DemoCommunication.swift", "ServeMetrics.swift", "JSONLogHandler.swift"}
CLIENT_COMMANDS = {"RoundtableAPI", "RoundtableClient", "RoundtableDomain", "RoundtableExchange", "RoundtableJSON", "TransparencyLog", "ArgumentParser",
                   "AsyncHTTPClient", "NIOCore", "NIOHTTP1", "NIOPosix", "Crypto", "UnixSignals"}
SERVE = CLIENT_COMMANDS | {"RoundtableNode", "RoundtableServer", "RoundtableDataDirectory", "RoundtableStorageSQLite", "Logging",
                           "ServiceLifecycle", "RoundtableDelivery", "RoundtableStoragePostgres", "Metrics", "CoreMetrics", "Prometheus"}
# `roundtable witness` (the files in Witness/) runs a witness: its store and server, no node.
WITNESS_COMMANDS = CLIENT_COMMANDS | {"RoundtableWitness", "RoundtableDataDirectory", "RoundtableStorageSQLite", "Logging",
                                      "ServiceLifecycle"}

# The tests of the floors below the node link no HTTP server and no store.
TESTS = {
    "TransparencyLogTests": {"TransparencyLog", "Crypto", "Testing"},
    "RoundtableAPITests": {"RoundtableAPI", "Testing"},
    "RoundtableDomainTests": {"RoundtableDomain", "RoundtableTestSupport", "TransparencyLog", "PropertyBased", "Testing"},
    "RoundtableExchangeTests": {"RoundtableExchange", "RoundtableDomain", "RoundtableJSON", "TransparencyLog", "Crypto", "Testing"},
}

# Modules no floor below the server may reach, named in the message.
HTTP = {"Hummingbird", "HTTPTypes", "NIOHTTP1", "AsyncHTTPClient", "RoundtableServer"}
STORES = {"GRDB", "RoundtableStorageSQLite", "RoundtableDataDirectory", "PostgresNIO", "RoundtableStoragePostgres"}

IMPORT = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:public |package |internal |private |fileprivate )?import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)


def allowed(target, path):
    if target == "roundtable":
        if "Witness" in path.parts:
            return WITNESS_COMMANDS
        if path.name == "DemoWitnesses.swift":
            return SERVE | {"RoundtableWitness"}  # the demo runs its members' witnesses beside its node
        if "Store" in path.parts:
            return SERVE  # `roundtable store` opens the stores themselves
        return SERVE if path.name in SERVE_FILES else CLIENT_COMMANDS
    if target == "RoundtableWitness":
        folder = path.parts[2] if len(path.parts) > 3 else None
        return WITNESS_FOLDERS.get(folder, WITNESS_CORE)
    if target == "roundtable-bench":
        return None  # the harness measures every floor
    return ALLOWED.get(target)


def forbidden(path, rules, who):
    """The problems of one file: each module it imports that `rules` does not allow `who` to import."""
    problems = []
    for module in IMPORT.findall(path.read_text()):
        if module in FOUNDATION or module in COLLECTIONS or module in rules or module == "Swift":
            continue
        why = " (HTTP)" if module in HTTP else " (a store)" if module in STORES else ""
        problems.append(f"{path}: imports {module}{why}, which {who} may not import")
    return problems


def main():
    root = pathlib.Path("Sources")
    problems, files = [], 0
    for path in sorted(root.rglob("*.swift")):
        target = path.relative_to(root).parts[0]
        rules = allowed(target, path)
        if rules is None:
            if target not in ("roundtable-bench",):
                problems.append(f"{path}: target {target} has no rule in scripts/checks/check_imports.py; add its floor there")
            continue
        files += 1
        problems += forbidden(path, rules, target)
    tests = pathlib.Path("Tests")
    for path in sorted(tests.rglob("*.swift")):
        target = path.relative_to(tests).parts[0]
        rules = TESTS.get(target)
        if rules is None:
            continue
        files += 1
        problems += forbidden(path, rules, f"the tests of {target}")
    for problem in problems:
        print(problem)
    print(f"imports: {files} files checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
