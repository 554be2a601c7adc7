import LACompiler
import LAKernels
// Placeholder until the runtime lands.
public enum RuntimePlaceholder {}
