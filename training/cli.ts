/** `--name value` options of the offline scripts (training/, scripts/eval.ts). */
export function cliOptions(argv: readonly string[]): { get: (name: string) => string | undefined; num: (name: string) => number | undefined } {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string): number | undefined => (get(name) === undefined ? undefined : Number(get(name)));
  return { get, num };
}
