import LASyntax
import Synchronization

/// Passes each warning on once per source location (file and offset), so a warning
/// raised inside a loop is printed a single time. One filter per runtime.
final class WarningFilter: Sendable {
    private struct Location: Hashable {
        var file: String
        var offset: Int?
    }

    private let sink: @Sendable (Diagnostic, SourceFile?) -> Void
    private let reported = Mutex(Set<Location>())

    init(_ sink: @escaping @Sendable (Diagnostic, SourceFile?) -> Void) {
        self.sink = sink
    }

    func report(_ diagnostic: Diagnostic, _ source: SourceFile?) {
        let location = Location(file: diagnostic.file, offset: diagnostic.span?.start.offset)
        guard reported.withLock({ $0.insert(location).inserted }) else { return }
        sink(diagnostic, source)
    }
}
