/**
 * The one error class of the engine. `path` names the offending spec field
 * (e.g. `indicators[2].normalise.high`) or data column; the message starts with it:
 * `indicators[2].normalise.high: must be a number greater than low`.
 */
export class AssessError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'AssessError';
    this.path = path;
  }
}
