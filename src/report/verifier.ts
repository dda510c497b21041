// Reads a verifier's block for the report (YAML or JSON, schemas/verifier.schema.json), each problem at its line,
// with its logo inlined: a PNG, JPEG or SVG file named in it, relative to it, checked to be the image it claims.
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { parseDeclarationText } from '../declaration/parse.js';
import { placeOf } from '../declaration/problems.js';
import { schemaErrors } from '../declaration/schemaErrors.js';
import { sourceFromBytes } from '../declaration/source.js';
import { MbcheckError } from '../errors.js';
import type { Verifier } from '../generated/verifier.js';
import { readRegularFileSync } from '../regularFile.js';
import { loadSchema } from '../schemas.js';

export type { Verifier } from '../generated/verifier.js';

/** The verifier block as the report prints it: the file's fields, the logo as a data: URI of its image. */
export interface ReportVerifier extends Omit<Verifier, 'logo'> {
  logo?: { mediaType: LogoType; dataUri: string };
}

type LogoType = 'image/png' | 'image/jpeg' | 'image/svg+xml';

const VERIFIER_LIMIT = { what: 'the verifier file', maxBytes: 256 * 1024 };
/** A logo is a mark beside a signature: more than this is a photograph or a mistake, and would weigh on every copy. */
export const LOGO_MAX_BYTES = 512 * 1024;
const LOGO_LIMIT = { what: "the verifier's logo", maxBytes: LOGO_MAX_BYTES };

let validator: ValidateFunction<Verifier> | undefined;
function validate(): ValidateFunction<Verifier> {
  if (!validator) {
    const require = createRequire(import.meta.url);
    const { Ajv2020 } = require('ajv/dist/2020.js') as { Ajv2020: new (options: object) => { compile: <T>(schema: object) => ValidateFunction<T> } };
    const addFormats = require('ajv-formats') as (ajv: object) => object;
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
    addFormats(ajv);
    validator = ajv.compile<Verifier>(loadSchema('verifier.schema.json'));
  }
  return validator;
}

/** What the bytes are, by their content (never by the file's name): PNG, JPEG, SVG, or nothing we print. */
export function imageTypeOf(bytes: Uint8Array): LogoType | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  const text = b.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '');
  // An SVG document: an XML declaration, comments or a doctype may come before its root element.
  if (/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(text)) return 'image/svg+xml';
  return undefined;
}

/** The block of a verifier file, its logo read from beside it; an error lists each problem at its line (exit 2). */
export function readVerifier(path: string): ReportVerifier {
  return parseVerifier(path, readRegularFileSync(path, VERIFIER_LIMIT), (logo) => readRegularFileSync(isAbsolute(logo) ? logo : resolve(dirname(path), logo), LOGO_LIMIT));
}

/**
 * The verifier block in YAML or JSON bytes, named `name` in the problems. `readLogo` reads the file its logo
 * names (relative to the verifier file); without it, a block that names a logo is refused.
 */
export function parseVerifier(name: string, bytes: Uint8Array, readLogo?: (path: string) => Uint8Array): ReportVerifier {
  const source = sourceFromBytes(name, bytes);
  const parsed = parseDeclarationText(source);
  const check = validate();
  const problems = !parsed.ok ? parsed.errors : check(parsed.data) ? [] : schemaErrors(check.errors, parsed.data, parsed.locate);
  if (problems.length > 0 || !parsed.ok) {
    const listed = problems.map((p) => `  ${placeOf(p, name)}  ${p.pointer || '/'}  ${p.message}`).join('\n');
    throw new MbcheckError('invalid-verifier', `${name}: not a valid verifier file (schemas/verifier.schema.json): { name, assurance: limited|reasonable, opinion, date, body?, accreditation?, standard?, logo? }\n${listed}`);
  }
  const { logo, ...fields } = parsed.data as Verifier;
  if (logo === undefined) return fields;
  const at = parsed.locate('/logo');
  const where = at ? `${name}:${at.line}:${at.column}` : name;
  if (!readLogo) throw new MbcheckError('invalid-verifier', `${where}  /logo  a logo file cannot be read here; give the image inline (ReportVerifier.logo)`);
  let image: Uint8Array;
  try {
    image = readLogo(logo);
  } catch (error) {
    throw new MbcheckError('invalid-verifier', `${where}  /logo  ${error instanceof Error ? error.message : String(error)} (the path is relative to ${name})`, 'io');
  }
  const mediaType = imageTypeOf(image);
  if (!mediaType) throw new MbcheckError('invalid-verifier', `${where}  /logo  ${logo} is not a PNG, JPEG or SVG image`);
  return { ...fields, logo: { mediaType, dataUri: `data:${mediaType};base64,${Buffer.from(image).toString('base64')}` } };
}

/** A verifier block given to the library: its logo must be an inlined image of the kinds above, within the size limit. */
export function checkedVerifier(verifier: ReportVerifier): ReportVerifier {
  if (!verifier.logo) return verifier;
  const match = /^data:(image\/(?:png|jpeg|svg\+xml));base64,([A-Za-z0-9+/]*={0,2})$/.exec(verifier.logo.dataUri);
  const bytes = match ? Buffer.from(match[2]!, 'base64') : undefined;
  if (!match || !bytes || imageTypeOf(bytes) !== match[1] || bytes.length > LOGO_MAX_BYTES) {
    throw new MbcheckError('invalid-verifier', `the verifier's logo must be a data: URI (base64) of a PNG, JPEG or SVG image of at most ${LOGO_MAX_BYTES} bytes`);
  }
  return verifier;
}
