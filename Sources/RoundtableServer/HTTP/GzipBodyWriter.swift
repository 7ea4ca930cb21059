import CompressNIO
import HTTPTypes
import Hummingbird
import NIOCore

/// Writes a response body through zlib's gzip compressor (compress-nio) as it is written, in chunks of at most
/// ``chunkSize`` bytes, and finishes the gzip stream when the body is finished.
///
/// At zlib's fastest level, as nginx's default: on a page of 1,000 STIX objects it takes about a fifth of the time of
/// the default level 6 for a quarter more bytes (roundtable-bench taxii-gzip, BENCHMARKS.md).
struct GzipBodyWriter: ResponseBodyWriter {
    /// The most compressed bytes written to the connection at once.
    static var chunkSize: Int { 64 * 1024 }

    private var parent: any ResponseBodyWriter
    private let compressor: ZlibCompressor
    private var chunk: ByteBuffer

    /// Starts a gzip stream in front of a body writer.
    /// - Parameter parent: Where the compressed bytes go.
    /// - Throws: compress-nio's error when zlib cannot start a stream (no memory).
    init(parent: any ResponseBodyWriter) throws {
        self.parent = parent
        compressor = try ZlibCompressor(algorithm: .gzip, configuration: .init(compressionLevel: .fastestCompression))
        chunk = ByteBufferAllocator().buffer(capacity: Self.chunkSize)
    }

    /// A response body that is the gzip stream of another.
    static func compressing(_ body: ResponseBody) -> ResponseBody {
        ResponseBody { writer in
            try await body.write(try GzipBodyWriter(parent: writer))
        }
    }

    mutating func write(_ buffer: ByteBuffer) async throws {
        var input = buffer
        while input.readableBytes > 0 {
            if chunk.writableBytes == 0 { try await writeChunk() }
            do {
                try compressor.deflate(from: &input, to: &chunk, flush: .no)
            } catch let error as CompressNIOError where error == .bufferOverflow {
                try await writeChunk()
            }
        }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        // An empty input with storage of its own: zlib is handed its address.
        var end = ByteBufferAllocator().buffer(capacity: 1)
        while true {
            do {
                try compressor.deflate(from: &end, to: &chunk, flush: .finish)
                break
            } catch let error as CompressNIOError where error == .bufferOverflow {
                try await writeChunk()
            }
        }
        try await writeChunk()
        try await parent.finish(trailingHeaders)
    }

    /// Writes what was compressed so far, if anything, and starts a new chunk.
    private mutating func writeChunk() async throws {
        guard chunk.readableBytes > 0 else { return }
        try await parent.write(chunk)
        chunk = ByteBufferAllocator().buffer(capacity: Self.chunkSize)
    }
}
