import Foundation

extension API {
    /// Why the OpenAPI document could not be read.
    public struct OpenAPIDocumentMissing: Error, CustomStringConvertible {
        public var description: String {
            "the OpenAPI document (openapi.json) is missing from the RoundtableAPI resources; rebuild the package"
        }
    }

    /// The OpenAPI 3.1 document that describes `/api/v1`, byte for byte as kept in the repository
    /// (`Sources/RoundtableAPI/openapi.json`); the node serves it at `/api/v1/openapi.json`.
    /// - Throws: ``OpenAPIDocumentMissing`` when the resource bundle does not hold it.
    public static func openAPIDocument() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = try? Data(contentsOf: url) else {
            throw OpenAPIDocumentMissing()
        }
        return Array(data)
    }
}
