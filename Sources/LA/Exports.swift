// The embedding surface re-exports the types a host sees: values and the
// runtime, diagnostics and source spans, and kernel tensors.
@_exported import LAKernels
@_exported import LARuntime
@_exported import LASyntax
