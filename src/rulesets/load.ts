// Reads one ruleset file, validates it against schemas/ruleset.schema.json and fingerprints it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Ruleset } from '../generated/ruleset.js';
import { MbcheckError } from '../errors.js';
import { rulesetValidator } from '../schemas.js';

export interface LoadedRuleset {
  ruleset: Ruleset;
  /** sha256 of the file's bytes: a result records exactly which revision judged it. */
  sha256: string;
  file: string;
}

export function loadRulesetFile(file: string): LoadedRuleset {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new MbcheckError('unreadable', `${file}: cannot read the ruleset (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'io');
  }
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new MbcheckError('ruleset-invalid', `${file}: not valid JSON: ${(error as Error).message}`);
  }
  const validate = rulesetValidator();
  if (!validate(data)) {
    const problems = (validate.errors ?? []).slice(0, 10).map((e) => `  ${e.instancePath || '/'}: ${e.message ?? e.keyword}`);
    throw new MbcheckError('ruleset-invalid', `${file}: not a valid ruleset (schemas/ruleset.schema.json):\n${problems.join('\n')}`);
  }
  const ruleset = data;
  const seen = new Set<string>();
  for (const rule of ruleset.rules) {
    if (!rule.id.startsWith(`${ruleset.id}/`)) {
      throw new MbcheckError('ruleset-invalid', `${file}: rule id "${rule.id}" must start with "${ruleset.id}/"`);
    }
    if (seen.has(rule.id)) throw new MbcheckError('ruleset-invalid', `${file}: duplicate rule id "${rule.id}"`);
    seen.add(rule.id);
  }
  return { ruleset, sha256: createHash('sha256').update(bytes).digest('hex'), file };
}
