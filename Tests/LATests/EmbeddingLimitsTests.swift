import Foundation
import Synchronization
import LA
import Testing

/// Each limit stops a script with an error and leaves the interpreter usable.
@Suite struct EmbeddingLimitsTests {
    func interpreter(_ limits: Limits) -> Interpreter {
        var configuration = Configuration()
        configuration.limits = limits
        return Interpreter(configuration: configuration)
    }

    func failure(_ interpreter: Interpreter, _ source: String) -> Diagnostic? {
        do {
            try interpreter.run(source)
            return nil
        } catch {
            return error as? Diagnostic
        }
    }

    @Test func stepBudgetStopsLoopsAndResetsForTheNextRun() throws {
        let interpreter = interpreter(Limits(steps: 100_000))
        let diagnostic = failure(interpreter, "while true { }")
        #expect(diagnostic?.kind == .limitError)
        #expect(diagnostic?.message == "step budget of 100000 steps exceeded")
        // The budget is per run: a second run gets all of it again.
        #expect(try interpreter.run("let s = 0\nfor i in range(1000) { s += i }\ns").as(Int.self) == 499_500)
        #expect(try interpreter.run("let t = 0\nfor i in range(1000) { t += i }\nt").as(Int.self) == 499_500)
    }

    @Test func kernelWorkCountsAgainstTheStepBudget() throws {
        // A 128×128 matmul is 128³ ≈ 2.1M multiply-adds, about 33K steps; the
        // loops themselves take a few hundred instructions.
        let interpreter = interpreter(Limits(steps: 150_000))
        try interpreter.run("let A = ones((128, 128))")
        #expect(try interpreter.run("let n = 0\nfor i in range(3) { let c = A @ A\nn += 1 }\nn").as(Int.self) == 3)
        let diagnostic = failure(interpreter, "let done = 0\nfor i in range(100) { let c = A @ A\ndone += 1 }")
        #expect(diagnostic?.kind == .limitError)
        #expect(diagnostic?.message == "step budget of 150000 steps exceeded")
        let completed = try #require(interpreter.global("done")).as(Int.self)
        #expect(completed < 10)
        // Element-wise kernels and builtins are charged too: each pass is about
        // 33K element operations (512 steps) but only a few instructions.
        #expect(failure(interpreter, "for i in range(1000) { let s = sum(A * A) }")?.kind == .limitError)
        #expect(try interpreter.run("sum(A)").as(Double.self) == 16384)
    }

    @Test func memoryBudgetRefusesHugeTensors() throws {
        let interpreter = interpreter(Limits(memoryBytes: 64 << 20))
        let diagnostic = failure(interpreter, "let big = zeros((100000, 100000))")
        #expect(diagnostic?.kind == .limitError)
        #expect(diagnostic?.message.contains("exceeds the memory budget of 67108864 bytes") == true)
        #expect(try interpreter.run("sum(ones((100, 100)))").as(Double.self) == 10_000)
    }

    @Test func memoryBudgetAllowsOneTensorButNotTwoLiveOnes() throws {
        // 100×1000 f64 is 800,000 bytes: one fits in 1 MB, two do not.
        let interpreter = interpreter(Limits(memoryBytes: 1_000_000))
        try interpreter.run("let a = zeros((100, 1000))")
        let diagnostic = failure(interpreter, "let b = ones((100, 1000))")
        #expect(diagnostic?.kind == .limitError)
        // Dropping the first frees its bytes for the next run.
        #expect(try interpreter.run("a = nil\nlet c = ones((100, 1000))\nsum(c)").as(Double.self) == 100_000)
        // A temporary is freed as soon as it is dead, so a loop of them fits.
        #expect(try interpreter.run("c = nil\nlet t = 0.0\nfor i in range(5) { t += sum(ones((100, 1000))) }\nt").as(Double.self) == 500_000)
    }

    @Test func recursionLimitStopsDeepRecursion() throws {
        // A depth the host sets is a limit like the others: LimitError (SPEC §10).
        let interpreter = interpreter(Limits(recursionDepth: 100))
        try interpreter.run("fn depth(n) { if n == 0 { return 0 }\nreturn 1 + depth(n - 1) }")
        let diagnostic = failure(interpreter, "depth(1000)")
        #expect(diagnostic?.kind == .limitError)
        #expect(diagnostic?.message == "recursion limit of 100 nested calls reached")
        #expect(try interpreter.run("depth(50)").as(Int.self) == 50)
        // Without one, the language's limit of 10,000 gives a RecursionError (SPEC §4).
        let plain = Interpreter(configuration: Configuration())
        try plain.run("fn down(n) = down(n + 1)")
        let deep = failure(plain, "down(0)")
        #expect(deep?.kind == .recursionError)
        #expect(deep?.message == "maximum recursion depth 10000 exceeded")
    }

    /// Runs `source` on another thread, cancelling it every 20 ms until it stops.
    func runCancelled(_ interpreter: Interpreter, _ source: String) -> Diagnostic? {
        let result = Mutex<Diagnostic?>(nil)
        let finished = DispatchSemaphore(value: 0)
        Thread {
            do {
                try interpreter.run(source)
            } catch {
                result.withLock { $0 = error as? Diagnostic }
            }
            finished.signal()
        }.start()
        while finished.wait(timeout: .now() + .milliseconds(20)) == .timedOut {
            interpreter.cancel()
        }
        return result.withLock { $0 }
    }

    @Test func cancelStopsAnEndlessLoopFromAnotherThread() throws {
        let interpreter = Interpreter()
        let diagnostic = runCancelled(interpreter, "while true { }")
        #expect(diagnostic?.kind == .limitError)
        #expect(diagnostic?.message == "execution cancelled")
        // The flag is cleared when the next run starts.
        #expect(try interpreter.run("1 + 1").as(Int.self) == 2)
    }

    @Test func cancelStopsALongMatmulInsideTheKernel() throws {
        let interpreter = Interpreter()
        try interpreter.run("let A = ones((3000, 3000))")
        // One instruction: only the GEMM's own checks can stop it before it completes.
        let diagnostic = runCancelled(interpreter, "let C = A @ A")
        #expect(diagnostic?.kind == .limitError)
        #expect(diagnostic?.message == "execution cancelled")
        #expect(interpreter.global("C") == nil)
        #expect(try interpreter.run("A[0, 0] + 1").as(Double.self) == 2)
    }
}
