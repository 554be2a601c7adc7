import LASyntax
import Testing
@testable import LARuntime

@Suite struct FunctionTests {
    @Test func closuresCaptureEachLoopIteration() throws {
        let source = """
        let fs = ()
        for i in range(3) { fs = fs + (fn() = i * 10,) }
        let k = 0
        while k < 2 { let j = k
          fs = fs + (fn() = j,)
          k += 1 }
        print(fs[0](), fs[1](), fs[2](), fs[3](), fs[4]())
        """
        #expect(try run(source) == "0 10 20 0 1\n")
    }

    @Test func counterViaUpvalue() throws {
        let source = """
        fn counter() {
          let n = 0
          return fn() { n += 1
            return n }
        }
        let a = counter()
        let b = counter()
        a(); a()
        print(a(), b())
        """
        #expect(try run(source) == "3 1\n")
    }

    @Test func nestedClosuresShareUpvalues() throws {
        let source = """
        fn make() {
          let x = 1
          fn get() = x
          fn set(v) { x = v }
          return (get, set)
        }
        let (get, set) = make()
        set(42)
        print(get())
        """
        #expect(try run(source) == "42\n")
    }

    @Test func mutualRecursionThroughHoisting() throws {
        let source = """
        fn main() {
          fn isEven(n) { if n == 0 { return true }
            return isOdd(n - 1) }
          fn isOdd(n) { if n == 0 { return false }
            return isEven(n - 1) }
          return (isEven(10), isOdd(7))
        }
        print(main(), even(4))
        fn even(n) = n == 0 or odd(n - 1)
        fn odd(n) = n != 0 and even(n - 1)
        """
        #expect(try run(source) == "(true, true) true\n")
    }

    @Test func recursionLimitIsARecoverableError() throws {
        let diagnostic = failure("fn down(n) = down(n + 1)\ndown(0)")
        #expect(diagnostic?.kind == .recursionError)
        #expect(diagnostic?.message == "maximum recursion depth 10000 exceeded")
        #expect((diagnostic?.stack.count ?? 0) > 100)
        #expect(failure("fn down(n) = down(n + 1)\ndown(0)", recursionLimit: 50)?.message == "maximum recursion depth 50 exceeded")
        #expect(try run("fn deep(n) { if n == 0 { return 0 }\n return 1 + deep(n - 1) }\nprint(deep(5000))") == "5000\n")
    }

    @Test func defaultsAreEvaluatedAtEachCall() throws {
        let source = """
        let calls = 0
        fn next() { calls += 1
          return calls }
        fn f(a, b = next(), c = a * 2) = (a, b, c)
        print(f(1), f(1), f(5, 0), f(1, c: 9))
        """
        #expect(try run(source) == "(1, 1, 2) (1, 2, 2) (5, 0, 10) (1, 3, 9)\n")
    }

    @Test func namedArguments() throws {
        let source = """
        fn box(width, height = 1, depth = 1) = width * height * depth
        print(box(2, depth: 5), box(height: 3, width: 2), box(1, 2, 3))
        """
        #expect(try run(source) == "10 6 6\n")
    }

    @Test func argumentErrorsNameTheFunction() throws {
        let source = "fn f(a, b = 1) = a + b\n"
        #expect(failure(source + "f()")?.message == "f() missing argument 'a'")
        #expect(failure(source + "f(1, 2, 3)")?.kind == .typeError)
        #expect(failure(source + "f(1, c: 3)")?.message == "f() has no parameter named 'c'")
        #expect(failure("print(len(1, 2))")?.message == "len() takes 1 argument but 2 were given")
        #expect(failure("zeros(\"a\")")?.message == "zeros() expects a shape tuple for 'shape', got string")
        #expect(failure("range(1, step: 2, stop: 3, x: 1)")?.message == "range() has no parameter named 'x'")
    }

    @Test func anonymousFunctionsAndCallingValues() throws {
        #expect(try run("let twice = fn(f, x) = f(f(x))\nprint(twice(fn(x) { return x * 3 }, 2))") == "18\n")
        #expect(failure("let x = 3\nx(1)")?.message == "a int is not a function")
    }

    @Test func uniformCallSyntax() throws {
        let source = """
        fn double(x) = x * 2
        fn add(x, y) = x + y
        let r = {scale: fn(v) = v * 100}
        print(3.double(), 3.add(4), r.scale(2), (1, 2).len(), "abc".len())
        """
        #expect(try run(source) == "6 7 200 2 3\n")
        #expect(failure("let r = {a: 1}\nr.nothing(1)")?.kind == .nameError)
    }

    @Test func errorStackNamesEachFrame() throws {
        let diagnostic = failure("fn inner() = error(\"bad\")\nfn outer() = inner()\nouter()")
        #expect(diagnostic?.kind == .valueError)
        #expect(diagnostic?.message == "bad")
        #expect(diagnostic?.stack.map(\.function) == ["inner", "outer", "<script>"])
        #expect(diagnostic?.span?.start.line == 1)
        #expect(diagnostic?.stack.last?.location?.line == 3)
    }

    @Test func importBindsAModuleRecord() throws {
        let modules = ["geo": "fn area(w, h) = w * h\nlet unit = 1\nfn square(s) = area(s, s)"]
        #expect(try run("import geo\nprint(geo.area(2, 3), geo.square(4), geo.unit)", modules: modules) == "6 16 1\n")
        #expect(failure("import nothing")?.kind == .ioError)
    }
}
