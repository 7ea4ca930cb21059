/// The wire types of Roundtable's JSON API under `/api/v1`: what the node answers and what clients send, shared by the
/// server, the command-line tool and the tests, and described by the OpenAPI document served at
/// `/api/v1/openapi.json` (``API/openAPIDocument``).
///
/// They are plain `Codable` values with the snake-case keys of the wire format, and this target depends on nothing
/// but the standard library and Foundation, so a client that only decodes JSON links neither the HTTP server nor a
/// store.
public enum API {}
