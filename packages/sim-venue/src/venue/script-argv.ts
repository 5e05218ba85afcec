// The arguments of a `pnpm <script>` command without pnpm's `--` separators (main thread of every CLI). It lives
// here because sim-venue is the one package that every package with a CLI depends on and that depends on none.

/**
 * pnpm hands a `--` to the script (`pnpm start -- --venue testnet` arrives as `-- --venue testnet`), and usage such
 * as `pnpm soak [-- --minutes N] [-- --seed S]` makes several. No CLI here takes positional arguments, so a bare
 * `--` never means "the rest is not flags": every one is dropped, wherever it stands.
 */
export function dropArgSeparators(argv: readonly string[]): string[] {
  return argv.filter((token) => token !== '--');
}
