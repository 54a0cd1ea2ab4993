// Command-line arguments for the scripts: node:util's parseArgs, with its errors turned into the
// one-line messages the command-line contracts promise ("--foo: unknown option").
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in the command line: printed as one line with the usage line, exit code 1. */
export class UsageError extends Error {}

/** Parse `args` with `options`; an unknown option or a missing value is a UsageError. */
export function parseCli<O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
  allowPositionals = false
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    const m = /option '(--[a-z-]+)/i.exec((e as Error).message);
    const code = (e as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && m) throw new UsageError(`${m[1]}: unknown option`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && m) throw new UsageError(`${m[1]}: missing value`);
    throw new UsageError((e as Error).message);
  }
}
