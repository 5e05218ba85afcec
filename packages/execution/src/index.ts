// Public surface of @scalper/execution: filled in as the core lands.
export {};
