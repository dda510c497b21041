// `ruleset docs`: a ruleset as a document people read: Markdown, self-contained HTML, or PDF via the report renderer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { describeCondition } from '../engine/describe.js';
import { describeScope } from '../engine/evaluate.js';
import { paths } from '../paths.js';
import { fontFaceCss } from '../report/fonts.js';
import { coverageMatrix } from './coverage.js';
import type { LoadedRuleset } from './load.js';

function docsModel(loaded: LoadedRuleset) {
  const { ruleset } = loaded;
  const coverage = coverageMatrix([ruleset]);
  return {
    ruleset,
    sha256: loaded.sha256,
    scope: describeScope(loaded),
    counts: { shall: ruleset.rules.filter((r) => r.level === 'shall').length, should: ruleset.rules.filter((r) => r.level === 'should').length, may: ruleset.rules.filter((r) => r.level === 'may').length },
    coverage: coverage.map((row) => {
      const c = row.cells[0]!;
      const parts = [c.shall ? `${c.shall} shall` : '', c.should ? `${c.should} should` : '', c.may ? `${c.may} may` : ''].filter(Boolean);
      return { decision: row.decision, name: row.name, cell: parts.length ? parts.join(', ') : 'left open' };
    }),
    rules: ruleset.rules.map((rule) => ({
      rule,
      decisionLabel: rule.decision === null ? 'outside the seven decisions' : `decision ${rule.decision}`,
      appliesWhen: rule.appliesWhen ? describeCondition(rule.appliesWhen) : 'always',
      passesWhen: describeCondition(rule.conditions),
      needsLedger: rule.requires?.includes('ledger') ?? false,
    })),
  };
}

let template: HandlebarsTemplateDelegate | undefined;

export function rulesetDocsHtml(loaded: LoadedRuleset): string {
  if (!template) {
    const hb = Handlebars.create();
    hb.registerHelper('default', (value: unknown, fallback: unknown) => (value === undefined || value === null || value === '' ? fallback : value));
    template = hb.compile(readFileSync(join(paths.templates, 'docs', 'ruleset.hbs'), 'utf8'));
  }
  const css = `${fontFaceCss()}\n${readFileSync(join(paths.templates, 'report', 'report.css'), 'utf8')}`;
  return template({ ...docsModel(loaded), css });
}

const md = (text: string) => text.replace(/([\\`*_[\]|<>])/g, '\\$1');

export function rulesetDocsMarkdown(loaded: LoadedRuleset): string {
  const m = docsModel(loaded);
  const r = m.ruleset;
  const lines = [
    `# ${md(r.title)}`,
    '',
    `Ruleset **${r.id}@${r.version}** (sha256 \`${m.sha256}\`)`,
    '',
    `- Encodes: ${md(r.standard.document)}, edition ${md(r.standard.edition)}${r.standard.status ? ` (${r.standard.status})` : ''}${r.standard.url ? `, <${r.standard.url}>` : ''}`,
    `- In force: ${r.inForce.from} to ${r.inForce.until ?? 'now'}`,
    `- Applies to: ${md(m.scope)}`,
    `- Rules: ${r.rules.length}: ${m.counts.shall} shall, ${m.counts.should} should, ${m.counts.may} may`,
    '',
    ...(r.description ? [md(r.description), ''] : []),
    '## The seven decisions',
    '',
    '| Decision | Rules |',
    '| --- | --- |',
    ...m.coverage.map((c) => `| ${c.decision}. ${c.name} | ${c.cell} |`),
    '',
    '## Rules',
  ];
  for (const x of m.rules) {
    lines.push(
      '',
      `### ${x.rule.id}`,
      '',
      `**${md(x.rule.title)}** (${x.rule.level}, ${x.decisionLabel}, ${x.rule.interpretation ? 'our interpretation' : "the text's requirement"})`,
      '',
      ...(x.rule.description ? [md(x.rule.description), ''] : []),
      `- Applies when: ${md(x.appliesWhen)}${x.needsLedger ? ' (needs the ledger)' : ''}`,
      `- Passes when: ${md(x.passesWhen)}`,
      `- Citation: ${md(x.rule.citation.document)}, ${md(x.rule.citation.clause)}${x.rule.citation.url ? `, <${x.rule.citation.url}>` : ''}${x.rule.citation.note ? `. ${md(x.rule.citation.note)}` : ''}`,
      `- Remedy: ${md(x.rule.remediation)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
