import Dispatch
import Foundation
import LA

/// Turns Ctrl-C (SIGINT) during an evaluation into `Interpreter.cancel()`.
///
/// SIGINT is ignored as a signal and observed through a Dispatch source, so
/// it never kills the session. While a line is edited the terminal does not
/// raise SIGINT at all: the editor reads Ctrl-C as a key.
final class REPLInterrupts: @unchecked Sendable {
    private let lock = NSLock()
    private var running: Interpreter?
    private var interrupted = false
    private let source: DispatchSourceSignal

    init() {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in self?.interrupt() }
        source.resume()
    }

    deinit {
        source.cancel()
    }

    /// Runs `body` with Ctrl-C cancelling `interpreter`.
    /// - Returns: the body's result, and whether Ctrl-C arrived meanwhile.
    func watching<T>(_ interpreter: Interpreter, _ body: () -> T) -> (result: T, interrupted: Bool) {
        lock.withLock {
            running = interpreter
            interrupted = false
        }
        let result = body()
        let wasInterrupted = lock.withLock {
            running = nil
            return interrupted
        }
        return (result, wasInterrupted)
    }

    private func interrupt() {
        lock.withLock {
            guard let running else { return }
            interrupted = true
            running.cancel()
        }
    }
}
