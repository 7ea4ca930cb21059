public import Foundation
public import TransparencyLog

/// Reading and writing private key files, which only their owner may read (mode 0600).
public enum KeyFile {
    /// Writes a private key to a new file of mode 0600; refuses to overwrite.
    public static func write(_ signer: NoteSigner, to path: String) throws {
        try write(Data((signer.privateKeyText + "\n").utf8), to: path)
    }

    /// Writes a secret to a new file of mode 0600; refuses to overwrite.
    public static func write(_ data: Data, to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CLIError("\(path) already exists; refusing to overwrite a key, choose another path")
        }
        let created = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        guard created, let handle = FileHandle(forWritingAtPath: path) else {
            throw CLIError("cannot create \(path); check that its directory exists and is writable")
        }
        defer { try? handle.close() }
        try handle.write(contentsOf: data)
        try handle.synchronize()
    }

    /// Reads a private key file.
    public static func read(_ path: String) throws -> NoteSigner {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read the key file \(path)")
        }
        do { return try NoteSigner(parsing: String(decoding: data, as: UTF8.self)) } catch {
            throw CLIError("\(path) is not a Roundtable private key: \(error.message)")
        }
    }

    /// Whether a file can be read by anyone but its owner.
    public static func isExposed(_ path: String) -> Bool {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue ?? 0
        return mode & 0o077 != 0
    }
}
