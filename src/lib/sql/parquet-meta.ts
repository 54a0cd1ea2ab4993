// Key-value metadata written into a Parquet file's footer (FileMetaData field 5, key_value_metadata),
// for the console's exports: the query, the snapshot date and the demonstration label travel inside
// the file. DuckDB 0.9.1 (DuckDB-WASM 1.28) cannot write it itself (COPY … KV_METADATA came in 1.1),
// so the footer's Thrift compact encoding gets the field appended before its stop byte and the
// footer length is rewritten. Pure: bytes in, bytes out.

const MAGIC = 'PAR1';
const encoder = new TextEncoder();

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

/** A Thrift compact binary field with a short (delta 1) header. */
function binaryField(text: string): number[] {
  const bytes = encoder.encode(text);
  return [0x18, ...varint(bytes.length), ...bytes];
}

/** Field 5 (list<KeyValue>) in long form: a header with its own id, so it may follow any field. */
function keyValueField(kv: [string, string][]): number[] {
  const BINARY_LIST_OF_STRUCT = 0x0c;
  const head = kv.length < 15 ? [(kv.length << 4) | BINARY_LIST_OF_STRUCT] : [0xf0 | BINARY_LIST_OF_STRUCT, ...varint(kv.length)];
  const zigzag5 = 10;
  return [0x09, zigzag5, ...head, ...kv.flatMap(([k, v]) => [...binaryField(k), ...binaryField(v), 0x00])];
}

const ascii = (b: Uint8Array) => String.fromCharCode(...b);

/** The same Parquet file with `kv` as its footer's key-value metadata. */
export function withKeyValueMetadata(file: Uint8Array, kv: Record<string, string>): Uint8Array {
  const n = file.length;
  if (n < 12 || ascii(file.subarray(0, 4)) !== MAGIC || ascii(file.subarray(n - 4)) !== MAGIC)
    throw new Error('not a Parquet file');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const footerLength = view.getUint32(n - 8, true);
  const footerStart = n - 8 - footerLength;
  if (footerStart < 4 || file[n - 9] !== 0x00) throw new Error('unexpected Parquet footer');
  const field = keyValueField(Object.entries(kv));
  const out = new Uint8Array(n + field.length);
  out.set(file.subarray(0, n - 9));
  out.set(field, n - 9);
  out[n - 9 + field.length] = 0x00;
  const tail = new DataView(out.buffer, out.byteOffset + out.length - 8, 8);
  tail.setUint32(0, footerLength + field.length, true);
  out.set(encoder.encode(MAGIC), out.length - 4);
  return out;
}
