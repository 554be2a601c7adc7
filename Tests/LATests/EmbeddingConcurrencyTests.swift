import Dispatch
import LA
import Synchronization
import Testing

/// Separate interpreters share nothing, so they may run on separate threads at once.
@Suite struct EmbeddingConcurrencyTests {
    @Test func eightInterpretersRunConcurrentlyWithoutInterfering() throws {
        let count = 8
        let collectors = (0..<count).map { _ in OutputCollector() }
        let results = Mutex<[Int: Int]>([:])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let k = index + 1
            var configuration = Configuration()
            configuration.threads = 2
            configuration.output = { collectors[index].append($0) }
            configuration.limits = Limits(steps: 50_000_000, memoryBytes: 16 << 20)
            let interpreter = Interpreter(configuration: configuration)
            do {
                try interpreter.define("k", k)
                interpreter.register("host_id") { k * 100 }
                try interpreter.run("""
                    let A = full((50, 50), k)
                    let s = 0
                    for j in range(200) { s += sum(A @ A) }
                    print(host_id())
                    print(s)
                    """)
                // Read the script's global back and pass it to a script function.
                try interpreter.run("fn twice(x) = 2 * x")
                let total = try interpreter.global("s")?.as(Int.self) ?? 0
                let twice = try interpreter.call("twice", total).as(Int.self)
                results.withLock { $0[index] = twice }
            } catch {
                failures.withLock { $0.append("interpreter \(k): \(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        for index in 0..<count {
            let k = index + 1
            // sum(A @ A) for A = k·ones(50, 50) is 50·50·50·k², added 200 times.
            let expected = 200 * 125_000 * k * k
            #expect(collectors[index].lines == ["\(k * 100)", "\(expected)"])
            #expect(results.withLock { $0[index] } == 2 * expected)
        }
    }
}
