// YAML documents that cannot be read say why in words: an alias without its anchor is no alias bomb, and a
// document nested 100,000 levels deep is not a "Maximum call stack size exceeded".
import { describe, expect, it } from 'vitest';
import { validateDeclaration } from '../../src/check.js';
import { sourceFromText } from '../../src/declaration/source.js';
import { aliasBomb } from '../serve/helpers.js';

const messageOf = (text: string) => validateDeclaration(sourceFromText('d.yaml', text)).validationErrors[0]!.message;

describe('YAML that cannot be read', () => {
  it('an alias that names no anchor says so, with the anchor to define', () => {
    expect(messageOf('a: *nope\n')).toBe('the alias *nope names no anchor: define &nope before it, or write the value out');
  });

  it('an alias bomb is still named as one', () => {
    expect(messageOf(aliasBomb)).toMatch(/expands through more than 100 YAML aliases/);
  });

  it('a document nested 100,000 levels deep is too deeply nested, not a stack overflow', () => {
    expect(messageOf(`a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`)).toBe('the document is nested too deeply to read; a declaration needs only a few levels');
  });
});
