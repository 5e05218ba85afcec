// The one error type of configuration loading (main thread): a single line naming the option, the value and
// what is allowed, printed by the CLI before it exits with code 2.

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
