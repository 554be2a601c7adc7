@_exported import LARuntime
// Placeholder until the embedding API lands.
