import Foundation

// Elementwise functions as small structs rather than closures: generic kernels specialise on the struct
// type, so the call inlines and the loop vectorises. (With closure arguments Swift kept an indirect call
// per element through `concurrentPerform`'s boxed body, which also blocked vectorisation.)

protocol BinaryFunction { func callAsFunction(_ a: Float, _ b: Float) -> Float }
protocol UnaryFunction { func callAsFunction(_ x: Float) -> Float }

struct Add: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a + b } }
struct Sub: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a - b } }
struct Mul: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a * b } }
struct Div: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a / b } }
/// The left operand, broadcast (used to expand).
struct First: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { a } }

struct AddScalar: UnaryFunction {
    let s: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x + s }
}
struct MulScalar: UnaryFunction {
    let s: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x * s }
}
struct Square: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { x * x } }
struct Power: UnaryFunction {
    let p: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.pow(x, p) }
}
struct Log: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.log(x) } }
struct Exp: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.exp(x) } }
struct Sqrt: UnaryFunction { @inline(__always) func callAsFunction(_ x: Float) -> Float { x.squareRoot() } }
struct GELUErf: UnaryFunction {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { 0.5 * x * (1 + Foundation.erf(x * 0.707_106_781)) }
}
