// Placeholder until the compiler lands.
public enum CompilerPlaceholder {}
