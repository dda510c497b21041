// A verifier's waivers: a failing finding matched by rule (and by the value its pointer names) keeps its outcome,
// carries the waiver and no longer fails its ruleset; an expired waiver never applies and is a finding itself; a
// waiver that matched nothing is listed as unused. Worked on the bundled examples.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkSource } from '../../src/check.js';
import { readSource } from '../../src/declaration/source.js';
import type { Waiver } from '../../src/generated/waivers.js';

const ASOF = '2026-11-29';
const dir = mkdtempSync(join(tmpdir(), 'mbcheck-waivers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const allocation: Waiver = { rule: 'ghg-protocol/proportional-allocation-between-groups', reason: 'Verified the cracker allocates by mass in its own books; see working paper 7.', approvedBy: 'A. Verifier, Example Assurance', expires: '2026-12-31' };

async function check(example: string, waivers: Waiver[], asOf = ASOF) {
  return checkSource(await readSource(`examples/${example}`), { asOf, waivers });
}

describe('waivers', () => {
  it('an applied waiver keeps the finding a fail, carries the waiver, and the ruleset (and declaration) pass', async () => {
    const result = await check('chemicals-two-groups.yaml', [allocation]);
    const finding = result.findings!.find((f) => f.ruleId === allocation.rule)!;
    expect(finding.outcome).toBe('fail');
    expect(finding.waiver).toEqual(allocation);
    const ghg = result.rulesets!.find((r) => r.id === 'ghg-protocol')!;
    expect(ghg.verdict).toBe('pass');
    expect(ghg.counts.waived).toBe(1);
    expect(result.verdict).toBe('pass');
    expect(result.waivers).toEqual([{ ...allocation, status: 'applied', covers: [expect.any(String)] }]);
  });

  it('past its expiry it never applies: the ruleset fails again, and the expiry is a finding of its own', async () => {
    const result = await check('chemicals-two-groups.yaml', [{ ...allocation, expires: '2026-11-28' }]);
    expect(result.findings!.find((f) => f.ruleId === allocation.rule)!.waiver).toBeUndefined();
    expect(result.verdict).toBe('fail');
    expect(result.waivers![0]!.status).toBe('expired');
    expect(result.findings).toContainEqual(expect.objectContaining({ ruleId: 'waivers/expired', outcome: 'fail', level: 'should', message: expect.stringContaining('expired on 2026-11-28') }));
  });

  it('a waiver naming a rule no ruleset checked (a misspelt id) is unused and a warning of its own; one for a rule that passed is only unused', async () => {
    const misspelt: Waiver = { ...allocation, rule: 'ghg-protocol/proportional-allocation-between-group' };
    const passed: Waiver = { ...allocation, rule: 'integrity/no-stacked-attribution' };
    const result = await check('chemicals-two-groups.yaml', [misspelt, passed]);
    expect(result.waivers!.map((w) => w.status)).toEqual(['unused', 'unused']);
    const warnings = result.findings!.filter((f) => f.ruleId === 'waivers/unknown-rule');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 'should', outcome: 'fail', message: expect.stringContaining('ghg-protocol/proportional-allocation-between-group, approved by') });
    // The real failure stays unwaived.
    expect(result.findings!.find((f) => f.ruleId === allocation.rule)!.waiver).toBeUndefined();
  });

  it('an invalid declaration judges nothing: each waiver is still listed, unused or expired', async () => {
    const { sourceFromText } = await import('../../src/declaration/source.js');
    const result = await checkSource(sourceFromText('bad.yaml', 'id: [\n'), { asOf: ASOF, waivers: [allocation, { ...allocation, expires: '2026-01-01' }] });
    expect(result.valid).toBe(false);
    expect(result.waivers!.map((w) => w.status)).toEqual(['unused', 'expired']);
  });

  it('a waiver for one output does not absorb a failure about another; one whose rule passed is unused', async () => {
    const stacked = readFileSync('examples/steel-stacked-100-percent.yaml', 'utf8');
    const outputs = (await import('yaml')).parse(stacked).ledger.outputs as Array<{ id: string }>;
    const full = outputs.findIndex((o) => o.id === 'out-100pct');
    const other = outputs.findIndex((o) => o.id !== 'out-100pct');
    const rule = 'integrity/no-stacked-attribution';
    const elsewhere = await check('steel-stacked-100-percent.yaml', [{ ...allocation, rule, pointer: `/ledger/outputs/${other}` }]);
    expect(elsewhere.findings!.find((f) => f.ruleId === rule)!.waiver).toBeUndefined();
    expect(elsewhere.waivers![0]!.status).toBe('unused');
    const there = await check('steel-stacked-100-percent.yaml', [{ ...allocation, rule, pointer: `/ledger/outputs/${full}` }, { ...allocation, rule: 'eudr/deforestation-free' }]);
    expect(there.findings!.find((f) => f.ruleId === rule)!.waiver?.pointer).toBe(`/ledger/outputs/${full}`);
    expect(there.waivers!.map((w) => w.status)).toEqual(['applied', 'unused']);
    // The other shall failures of integrity still fail it.
    expect(there.rulesets!.find((r) => r.id === 'integrity')!.verdict).toBe('fail');
  });
});

describe('--waivers at the command line', () => {
  const mbcheck = (args: string[]) => spawnSync(process.execPath, ['bin/mbcheck.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('passes a declaration whose only failure is waived, shows the waiver, and puts it in the SARIF as a suppression', () => {
    const file = join(dir, 'waivers.yaml');
    writeFileSync(file, stringify([allocation]));
    const run = mbcheck(['check', 'examples/chemicals-two-groups.yaml', '--as-of', ASOF, '--waivers', file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`waived: ${allocation.reason} (approved by ${allocation.approvedBy}, until 2026-12-31)`);
    expect(run.stdout).toMatch(/waiver ghg-protocol\/proportional-allocation-between-groups {2}applied/);
    const later = mbcheck(['check', 'examples/chemicals-two-groups.yaml', '--as-of', '2027-01-15', '--waivers', file, '--ruleset', 'ghg-protocol@1.1.0']);
    expect(later.status).toBe(1);
    expect(later.stdout).toMatch(/waiver ghg-protocol\/proportional-allocation-between-groups {2}expired/);
    const sarif = JSON.parse(mbcheck(['check', 'examples/chemicals-two-groups.yaml', '--as-of', ASOF, '--waivers', file, '--format', 'sarif']).stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === allocation.rule);
    expect(result.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: allocation.reason, properties: { approvedBy: allocation.approvedBy, expires: '2026-12-31' } }]);
  });

  it('a waivers file that breaks its schema is refused with each problem at its line (exit 2)', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, '- rule: ghg-protocol/x\n  reason: because\n  expires: next month\n');
    const run = mbcheck(['check', 'examples/chemicals-two-groups.yaml', '--as-of', ASOF, '--waivers', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('not a valid waivers file');
    expect(run.stderr).toMatch(/broken\.yaml:1:3 {2}\/0\/approvedBy {2}missing required property "approvedBy"/);
    expect(run.stderr).toMatch(/broken\.yaml:3:12 {2}\/0\/expires/);
  });
});

describe('every format shows the waivers', () => {
  it('Markdown lists them in a table, JUnit skips a waived failure, the report has a section with reasons and approvers', async () => {
    const unused: Waiver = { rule: 'integrity/no-stacked-attribution', reason: 'never needed', approvedBy: 'B. Checker', expires: '2026-12-31' };
    const result = await check('chemicals-two-groups.yaml', [allocation, unused]);
    const { formatters } = await import('../../src/format/index.js');
    const markdown = formatters.markdown([result], { color: false, verbose: false });
    expect(markdown).toContain('## Waivers');
    expect(markdown).toContain('| ghg-protocol/proportional-allocation-between-groups | any | applied | A. Verifier, Example Assurance | 2026-12-31 |');
    expect(markdown).toContain('| integrity/no-stacked-attribution | any | unused | B. Checker |');
    const junit = formatters.junit([result], { color: false, verbose: false });
    expect(junit).toMatch(/<testcase[^>]*name="ghg-protocol\/proportional-allocation-between-groups"[^>]*>\s*<skipped message="waived until 2026-12-31 by A. Verifier, Example Assurance/);
    const { reportSource } = await import('../../src/report/index.js');
    const { content } = await reportSource(await readSource('examples/chemicals-two-groups.yaml'), { asOf: ASOF, waivers: [allocation, unused], format: 'html' });
    const html = content as string;
    expect(html).toContain('<h2 id="waivers">Waivers</h2>');
    expect(html).toContain('Verified the cracker allocates by mass in its own books; see working paper 7.');
    expect(html).toContain('fail, waived');
    expect(html).toMatch(/badge not-applicable">unused/);
  });
});
