public import Testing

extension Trait where Self == TimeLimitTrait {
    /// The time limit of a test that could hang (a connection that never answers, a stream that never ends): it fails
    /// such a test rather than stall the run. It is not a timing assertion. The suite's tests start together and share
    /// the machine's cores, so a test's time includes its wait for them: on two cores, as long as the whole run (one to
    /// two minutes), which a limit of one minute failed now and then. The limit is well beyond that.
    public static var hangGuard: Self { .timeLimit(.minutes(5)) }
}
