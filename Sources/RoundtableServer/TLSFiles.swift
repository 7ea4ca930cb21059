import Foundation
public import NIOSSL

/// The TLS configuration of a node that serves HTTPS itself, from PEM files.
public enum TLSFiles {
    /// Reads a certificate chain and its private key, and checks that they belong together.
    /// - Parameters:
    ///   - certificate: A PEM file: the server's certificate first, then any intermediates.
    ///   - key: A PEM file with the certificate's private key.
    /// - Returns: TLS 1.2 or later, with the chain and key.
    /// - Throws: ``ConfigurationError`` naming the file that cannot be read or used.
    public static func configuration(certificate: String, key: String) throws(ConfigurationError) -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMFile(certificate) } catch {
            throw ConfigurationError("--tls-cert \(certificate): not a readable PEM certificate chain (\(error))")
        }
        guard !chain.isEmpty else { throw ConfigurationError("--tls-cert \(certificate): the file holds no certificate") }
        let privateKey: NIOSSLPrivateKey
        do { privateKey = try NIOSSLPrivateKey(file: key, format: .pem) } catch {
            throw ConfigurationError("--tls-key \(key): not a readable PEM private key (\(error))")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
        configuration.minimumTLSVersion = .tlsv12
        // A key that does not match the certificate fails here, at start-up, not at the first client's handshake.
        do { _ = try NIOSSLContext(configuration: configuration) } catch {
            throw ConfigurationError("--tls-cert and --tls-key do not make a usable pair: is the key the certificate's? (\(error))")
        }
        return configuration
    }
}
