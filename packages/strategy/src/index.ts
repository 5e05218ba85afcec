// Public surface of @scalper/strategy: filled in as the core lands.
export {};
