import ArgumentParser
import RoundtableClient
import TransparencyLog

/// `roundtable keygen`: makes an Ed25519 key pair for signing acts, or for cosigning checkpoints as a witness.
struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate an Ed25519 signing key.",
        discussion: """
            Writes the private key to --out (mode 0600; an existing file is never overwritten) and prints the \
            public key in the C2SP verifier-key form NAME+KEYID+BASE64, which goes into a founders file or an \
            add-key act. With --witness it prints the witness's cosignature/v1 key instead, \
            NAME+KEYID+BASE64(0x04 ‖ key), which logs configure to collect its cosignatures; use that key for \
            nothing but cosigning.
            """
    )

    @Option(help: "The key name written on signature lines, for example 'ee.example/roundtable'.")
    var name: String

    @Option(help: "Where to write the private key.")
    var out: String

    @Flag(help: "Make a witness key for `roundtable witness serve`: print its cosignature/v1 verifier key.")
    var witness = false

    func validate() throws {
        do { try NoteVerifier.validate(keyName: name) } catch { throw ValidationError(error.message) }
    }

    func run() throws {
        let signer = try NoteSigner.generate(name: name)
        try KeyFile.write(signer, to: out)
        print(witness ? try CosignatureSigner(signer).verifier.description : signer.verifier.description)
    }
}
