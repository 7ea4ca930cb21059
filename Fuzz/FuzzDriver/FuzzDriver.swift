/// Runs libFuzzer on one target's `LLVMFuzzerTestOneInput`: the entry point of a fuzz executable that SwiftPM links
/// (SwiftPM names an executable's `main` itself, so libFuzzer's own `main` is left out and its driver called here).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Starts libFuzzer with the process's arguments and a target's callback; returns its exit status.
public func runFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    var argc = CommandLine.argc
    var argv = Optional(CommandLine.unsafeArgv)
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}
