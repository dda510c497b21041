// The authoring tools: a rule writer tests rules against their fixtures and sees which decisions are left open.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const mbcheck = (args: string[]) => spawnSync(process.execPath, ['bin/mbcheck.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('mbcheck ruleset coverage', () => {
  it('shows ISO 22095-2 leaving stacking open while integrity constrains it', () => {
    const run = mbcheck(['ruleset', 'coverage', 'integrity', 'iso-22095-2', '--as-of', '2026-11-29', '--format', 'json']);
    expect(run.status).toBe(0);
    const { decisions } = JSON.parse(run.stdout);
    const stacking = decisions.find((d: { decision: number }) => d.decision === 6);
    // integrity@1.1.0: the method forbids it, no output below the red line, and none beyond it by volume.
    expect(stacking.cells).toEqual([{ ruleset: 'integrity', shall: 3, should: 0, may: 0 }, { ruleset: 'iso-22095-2', shall: 0, should: 0, may: 0 }]);
    expect(mbcheck(['ruleset', 'coverage', 'integrity', 'iso-22095-2', '--as-of', '2026-11-29']).stdout).toMatch(/6\. Stacking\s+3 shall\s+open/);
    expect(mbcheck(['ruleset', 'coverage', 'integrity', 'iso-22095-2', '--as-of', '2026-11-29', '--format', 'html']).stdout).toMatch(/<th scope="row">6\. Stacking<\/th><td class="shall">3 shall<\/td><td class="open">open<\/td>/);
  });
});

describe('mbcheck ruleset test', () => {
  it('passes the bundled rulesets', () => {
    const run = mbcheck(['ruleset', 'test', 'integrity']);
    expect(run.status).toBe(0);
    // 13 rules in integrity@1.0.0 and 15 in 1.1.0, each run against its fixtures.
    expect(run.stdout).toMatch(/28 passed, 0 failed/);
  });
  it('fails a rule whose fixture does not hold, and a rule without fixtures', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-rs-'));
    mkdirSync(join(dir, 'tests'));
    const ruleset = JSON.parse(readFileSync('rulesets/integrity/1.0.0.json', 'utf8'));
    ruleset.id = 'mine';
    ruleset.rules = ruleset.rules.slice(0, 2).map((r: { id: string }) => ({ ...r, id: r.id.replace('integrity/', 'mine/') }));
    writeFileSync(join(dir, '1.0.0.json'), JSON.stringify(ruleset));
    const fixture = readFileSync('rulesets/integrity/tests/method-forbids-stacking.yaml', 'utf8')
      .replace('rule: integrity/method-forbids-stacking', 'rule: mine/method-forbids-stacking')
      .replaceAll('../../_fixtures/', `${process.cwd()}/rulesets/_fixtures/`)
      .replace('expect: pass', 'expect: fail');
    writeFileSync(join(dir, 'tests', 'method-forbids-stacking.yaml'), fixture);
    const run = mbcheck(['ruleset', 'test', join(dir, '1.0.0.json')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/FAIL mine\/method-forbids-stacking/);
    expect(run.stdout).toMatch(/expected fail, got pass/);
    expect(run.stdout).toMatch(/FAIL mine\/no-stacked-attribution[\s\S]*no fixture file/);
  });
});

describe('mbcheck ruleset lint', () => {
  const write = (name: string, edit: (ruleset: Record<string, any>) => void) => {
    const ruleset = JSON.parse(readFileSync('rulesets/integrity/1.0.0.json', 'utf8'));
    ruleset.id = 'mine';
    ruleset.rules = ruleset.rules.slice(0, 3).map((r: { id: string }) => ({ ...r, id: r.id.replace('integrity/', 'mine/') }));
    edit(ruleset);
    const file = join(mkdtempSync(join(tmpdir(), 'mbcheck-lint-')), name);
    writeFileSync(file, JSON.stringify(ruleset, null, 2));
    return file;
  };

  it('finds a duplicate id, a path no metric provides and a rule without citation, each with pointer and line', () => {
    const file = write('bad.json', (r) => {
      r.rules[1].id = r.rules[0].id;
      r.rules[2].conditions = { all: [{ fact: 'metrics', path: '$.ledger.nonsense.count', operator: 'equal', value: 0 }] };
      delete r.rules[2].citation;
    });
    const run = mbcheck(['ruleset', 'lint', file]);
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/bad\.json:\d+:\d+ {2}\/rules\/1\/id {2}duplicate rule id/);
    expect(lines[1]).toMatch(/bad\.json:\d+:\d+ {2}\/rules\/2\/citation {2}missing required property "citation"/);
    expect(lines[2]).toMatch(/bad\.json:\d+:\d+ {2}\/rules\/2\/conditions\/all\/0\/path {2}no metrics provides \$\.ledger\.nonsense\.count/);
  });

  it('finds unknown operators and facts, unreachable sectors and dates overlapping another version', () => {
    const file = write('worse.json', (r) => {
      r.id = 'eudr';
      r.version = '9.0.0';
      r.appliesTo = { sectors: ['textiles'] };
      r.rules = r.rules.map((rule: { id: string }) => ({ ...rule, id: rule.id.replace('mine/', 'eudr/') }));
      r.rules[0].conditions = { all: [{ fact: 'declaration', path: '$.method.stacking.allowed', operator: 'roughly', value: false }] };
      r.rules[1].conditions = { all: [{ fact: 'declaration', path: '$.method.stacking.colour', operator: 'equal', value: 1 }] };
    });
    const out = mbcheck(['ruleset', 'lint', file, '--format', 'json']);
    const codes = JSON.parse(out.stdout)[0].problems.map((p: { code: string }) => p.code).sort();
    // It overlaps every eudr version: 1.0.0 and its correction 1.1.0, 2.0.0 and its correction 2.1.0.
    expect(codes).toEqual(['overlapping-dates', 'overlapping-dates', 'overlapping-dates', 'overlapping-dates', 'unknown-operator', 'unknown-path', 'unreachable']);
  });

  it('finds a commodity in appliesTo that misspells an EUDR one, and accepts any spelling of one', () => {
    const misspelt = write('misspelt.json', (r) => (r.appliesTo = { commodities: ['cocao', 'Palm-Oil', 'crude-steel'] }));
    const problems = JSON.parse(mbcheck(['ruleset', 'lint', misspelt, '--format', 'json']).stdout)[0].problems as Array<{ code: string; pointer: string; message: string }>;
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([['commodity-near-miss', '/appliesTo/commodities/0']]);
    expect(problems[0]!.message).toContain('write "cocoa"');
  });

  it('accepts a correction over the dates of the version it supersedes, and refuses one that names no earlier version', () => {
    const load = (name: string) => JSON.parse(readFileSync(`rulesets/integrity/${name}`, 'utf8'));
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-supersedes-'));
    const correction = join(dir, 'correction.json');
    writeFileSync(correction, JSON.stringify({ ...load('1.1.0.json'), version: '1.2.0', supersedes: { version: '1.1.0', reason: 'a correction' } }));
    const fine = JSON.parse(mbcheck(['ruleset', 'lint', correction, '--format', 'json']).stdout)[0].problems.map((p: { code: string }) => p.code);
    // It overlaps 1.0.0, which it does not supersede; 1.1.0 it does.
    expect(fine).toEqual(['overlapping-dates']);
    const stray = join(dir, 'stray.json');
    writeFileSync(stray, JSON.stringify({ ...load('1.1.0.json'), version: '1.3.0', supersedes: { version: '1.2.5', reason: 'no such version' } }));
    const problems = JSON.parse(mbcheck(['ruleset', 'lint', stray, '--format', 'json']).stdout)[0].problems as Array<{ code: string; message: string }>;
    expect(problems.find((p) => p.code === 'unknown-version')?.message).toContain('supersedes integrity@1.2.5, which is not an earlier version of integrity (versions: 1.1.0, 1.0.0)');
  });

  it('checks metrics paths against schemas/metrics.schema.json, through nullable figures, in conditions, messages and evidence', () => {
    const file = write('metrics.json', (r) => {
      r.rules[0].conditions = {
        all: [
          { fact: 'metrics', path: '$.ledger.stacking.nonsense', operator: 'equal', value: 0 },
          // Null when nothing is stacked or overdrawn, objects otherwise: their figures are known all the same.
          { fact: 'metrics', path: '$.ledger.stacking.worst.stackingFactor', operator: 'equal', value: null },
          { fact: 'metrics', path: '$.ledger.balance.worstOverdraft.window.start', operator: 'equal', value: null },
          { fact: 'metrics', path: '$.ledger.pools[*].volumeHolds', operator: 'equal', value: null },
        ],
      };
      r.rules[1].message = { fail: '{{metrics.ledger.stacking.worst.outputId}} and {{metrics.ledger.stacking.worst.colour}}' };
      r.rules[1].evidence = { window: 'metrics.ledger.stacking.volume.worst.window.end', nothing: 'metrics.ledger.claim.worstClaimedPool.window' };
    });
    const run = mbcheck(['ruleset', 'lint', file, '--format', 'json']);
    expect(run.status).toBe(1);
    const problems = JSON.parse(run.stdout)[0].problems.map((p: { pointer: string; code: string; message: string }) => [p.pointer, p.code, p.message]);
    expect(problems).toEqual([
      ['/rules/0/conditions/all/0/path', 'unknown-path', 'no metrics provides $.ledger.stacking.nonsense: see schemas/metrics.schema.json'],
      // A wildcard is JSONPath beyond the plain form the bundled rules use: loading refuses it.
      ['/rules/0/conditions/all/3/path', 'unsafe-path', expect.stringContaining('it has a wildcard')],
      ['/rules/1/message/fail', 'unknown-path', expect.stringMatching(/reads "metrics\.ledger\.stacking\.worst\.colour".*schemas\/metrics\.schema\.json/)],
      ['/rules/1/evidence/nothing', 'unknown-path', expect.stringMatching(/reads "metrics\.ledger\.claim\.worstClaimedPool\.window".*schemas\/metrics\.schema\.json/)],
    ]);
  });

  it('passes every bundled ruleset', () => {
    const files = ['integrity', 'iso-22095-2', 'ghg-protocol', 'worldsteel', 'eudr'].flatMap((id) => readdirSync(`rulesets/${id}`).filter((f) => f.endsWith('.json')).map((f) => `rulesets/${id}/${f}`));
    const run = mbcheck(['ruleset', 'lint', ...files]);
    expect(run.stdout).toContain(`${files.length} ruleset file(s): 0 problem(s)`);
    expect(run.status).toBe(0);
  });
});

describe('mbcheck ruleset diff', () => {
  it('lists what changed between the two EUDR versions, in words, and which declarations flip', () => {
    const corpus = mkdtempSync(join(tmpdir(), 'mbcheck-corpus-'));
    const cocoa = readFileSync('examples/cocoa-eudr-compliant.yaml', 'utf8');
    writeFileSync(join(corpus, 'site.yaml'), cocoa);
    // The amended reading refuses multi-site pools that the regulation as adopted did not address.
    writeFileSync(join(corpus, 'pooled.yaml'), cocoa.replace(/level: site/, 'level: multi-site'));
    const run = mbcheck(['ruleset', 'diff', 'eudr@1.0.0', 'eudr@2.0.0', '--corpus', corpus, '--as-of', '2026-11-29']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('eudr@1.0.0 -> eudr@2.0.0');
    expect(run.stdout).toMatch(/Added \(\d+\):[\s\S]*\+ eudr\/mass-balance-boundary \[shall, decision 3\]/);
    expect(run.stdout).toMatch(/Removed \(\d+\):[\s\S]*- eudr\/no-mixing-with-incomplete-inputs/);
    expect(run.stdout).toMatch(/in force: 2023-06-29 to 2026-05-04 -> 2026-05-04 to open/);
    expect(run.stdout).toMatch(/Corpus: 2 declaration\(s\), 1 would change verdict\n {2}\S+pooled\.yaml: pass -> fail/);
  });
});

describe('mbcheck ruleset docs', () => {
  it('writes every rule with its level, decision, citation and interpretation flag, as Markdown, HTML and PDF', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbcheck-docs-'));
    const ruleset = JSON.parse(readFileSync('rulesets/iso-22095-2/1.0.0.json', 'utf8'));
    for (const name of ['iso.md', 'iso.html', 'iso.pdf']) {
      const run = mbcheck(['ruleset', 'docs', 'iso-22095-2@1.0.0', '--output', join(dir, name)]);
      expect(run.status, run.stderr).toBe(0);
    }
    const markdown = readFileSync(join(dir, 'iso.md'), 'utf8');
    const html = readFileSync(join(dir, 'iso.html'), 'utf8');
    const pdfText = spawnSync('pdftotext', [join(dir, 'iso.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    for (const rule of ruleset.rules) {
      expect(markdown).toContain(`### ${rule.id}`);
      expect(html).toContain(rule.id);
      expect(pdfText).toContain(rule.id);
    }
    expect(markdown).toContain('(shall, decision 5, the text\'s requirement)');
    expect(markdown).toContain('our interpretation');
    expect(markdown).toContain('| 6. Stacking | left open |');
  });
});

describe('a ruleset of one\'s own that extends iso-22095-2', () => {
  const custom = 'docs/rulesets/steel-sector/0.1.0.json';
  it('runs in check with one inherited rule off, one level changed and a new shall rule, recording both versions and hashes', () => {
    const yearly = readFileSync('examples/steel-credit-transition.yaml', 'utf8').replace('balancingPeriod: P3M', 'balancingPeriod: P1Y');
    const run = spawnSync(process.execPath, ['bin/mbcheck.js', 'check', '-', '--ruleset', custom, '--as-of', '2026-11-29', '--format', 'json'], { encoding: 'utf8', input: yearly });
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.rulesets[0]).toMatchObject({ id: 'steel-sector', version: '0.1.0', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), extends: { id: 'iso-22095-2', version: '1.0.0', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const ids = result.findings.map((f: { ruleId: string }) => f.ruleId);
    expect(ids).not.toContain('iso-22095-2/connected-sites-or-book-and-claim');
    expect(ids).toContain('iso-22095-2/no-overdraft');
    expect(result.findings.find((f: { ruleId: string }) => f.ruleId === 'iso-22095-2/negative-running-balance-disclosed').level).toBe('shall');
    const own = result.findings.find((f: { ruleId: string }) => f.ruleId === 'steel-sector/balancing-period-at-most-3-months');
    expect(own).toMatchObject({ outcome: 'fail', level: 'shall', message: 'The balancing period is P1Y; at most P3M is allowed.' });
  });
  it('runs in report', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mbcheck-ext-')), 'r.pdf');
    const run = mbcheck(['report', 'examples/steel-credit-transition.yaml', '--ruleset', custom, '--output', out, '--as-of', '2026-11-29']);
    expect(run.status).toBe(0);
    const text = spawnSync('pdftotext', [out, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('steel-sector@0.1.0');
    expect(text).toContain('steel-sector/balancing-period-at-most-3-months');
  });
  it('passes ruleset test with its own and its inherited fixtures', () => {
    const run = mbcheck(['ruleset', 'test', custom]);
    expect(run.stdout).toContain('12 passed, 0 failed');
    expect(run.status).toBe(0);
  });
});
