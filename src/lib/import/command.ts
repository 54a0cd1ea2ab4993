// The command that loads a checked file into the dashboards (the /import/ page shows it): the file
// name quoted for a POSIX shell only when it needs it.

/** A file name as a shell argument: bare when it is plain (letters, digits, CJK, . _ -), else in single quotes. */
export function shellArgument(name: string): string {
  return /^[\p{L}\p{N}._-]+$/u.test(name) && !name.startsWith('-') ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}

/** `npm run import -- FILE [--year YYYY]`, as typed in the project folder with the file beside it. */
export function importCommand(fileName: string, year?: number): string {
  return `npm run import -- ${shellArgument(fileName)}${year !== undefined ? ` --year ${year}` : ''}`;
}
