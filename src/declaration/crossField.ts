// Checks that span several fields and that JSON Schema cannot express: references, uniqueness, dates.
import { eudrNearMiss, normaliseCommodity } from '../commodities.js';
import type { Declaration } from '../generated/declaration.js';
import { SHARE_SUM_TOLERANCE } from '../metrics/tolerance.js';
import { moreProblemsNote, ProblemList, segmentsToPointer, type Locate, type ValidationError } from './problems.js';
import { quoted, someOf } from '../quoting.js';

type Problem = { path: Array<string | number>; code: string; message: string };

function duplicates(problems: ProblemList<Problem>, items: ReadonlyArray<{ id: string }>, path: Array<string | number>, what: string): void {
  const first = new Map<string, number>();
  items.forEach((item, index) => {
    const earlier = first.get(item.id);
    if (earlier === undefined) first.set(item.id, index);
    else problems.add(() => ({ path: [...path, index, 'id'], code: 'duplicate-id', message: `duplicate ${what} id ${quoted(item.id)} (first used at index ${earlier})` }));
  });
}

export function crossFieldProblems(declaration: Declaration): ProblemList<Problem> {
  const problems = new ProblemList<Problem>();
  const { period, method, ledger } = declaration;
  if (period.end < period.start) {
    problems.add(() => ({ path: ['period', 'end'], code: 'date-order', message: `period.end ${period.end} is before period.start ${period.start}` }));
  }

  // A misspelt EUDR commodity would make the EUDR rules silently not applicable: it is an error, with the spelling.
  const nearMiss = eudrNearMiss(declaration.commodity);
  if (nearMiss) {
    const suggestion = nearMiss.name === nearMiss.commodity ? `"${nearMiss.commodity}"` : `"${nearMiss.name}" or "${nearMiss.commodity}"`;
    const what = nearMiss.found === normaliseCommodity(declaration.commodity).join(' ') ? `commodity "${declaration.commodity}"` : `commodity "${declaration.commodity}": "${nearMiss.found}"`;
    const looks = nearMiss.by === 'prefix' ? `the start of "${nearMiss.name}"` : `a misspelling of "${nearMiss.name}"`;
    problems.add(() => ({ path: ['commodity'], code: 'commodity-near-miss', message: `${what} looks like ${looks} (the EUDR commodity ${nearMiss.commodity}): write ${suggestion} if that is meant, since as written the EUDR rules would not apply; if it is another commodity, name it so that it cannot be taken for an EUDR one` }));
  }

  const sites = method.transferBoundary.sites ?? [];
  const siteIds = new Set(sites.map((s) => s.id));
  duplicates(problems, sites, ['method', 'transferBoundary', 'sites'], 'site');
  sites.forEach((site, i) =>
    (site.connectedTo ?? []).forEach((other, j) => {
      if (!siteIds.has(other)) {
        problems.add(() => ({ path: ['method', 'transferBoundary', 'sites', i, 'connectedTo', j], code: 'unknown-reference', message: `site ${quoted(site.id)} is connected to ${quoted(other)}, which is not a declared site (declared: ${someOf(siteIds)})` }));
      }
    }),
  );

  const groups = method.allocation.productGroups ?? [];
  const groupIds = new Set(groups.map((g) => g.id));
  duplicates(problems, groups, ['method', 'allocation', 'productGroups'], 'product group');
  if (groups.length > 0) {
    const sum = groups.reduce((total, g) => total + g.share, 0);
    if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
      problems.add(() => ({ path: ['method', 'allocation', 'productGroups'], code: 'shares-sum', message: `product group shares must sum to 1 (within ${SHARE_SUM_TOLERANCE}); they sum to ${Number(sum.toFixed(9))}` }));
    }
  }

  const claim = method.reporting.claim;
  claim?.productGroups?.forEach((group, index) => {
    if (!groupIds.has(group)) {
      problems.add(() => ({ path: ['method', 'reporting', 'claim', 'productGroups', index], code: 'unknown-reference', message: `the claim names product group ${quoted(group)}, which is not declared in method.allocation.productGroups (declared: ${groupIds.size > 0 ? someOf(groupIds) : 'none'})` }));
    }
  });
  if (claim?.outputs) {
    const outputIds = new Set((ledger?.outputs ?? []).map((o) => o.id));
    claim.outputs.forEach((output, index) => {
      if (!outputIds.has(output)) {
        problems.add(() => ({ path: ['method', 'reporting', 'claim', 'outputs', index], code: 'unknown-reference', message: ledger ? `the claim names output ${quoted(output)}, which is not in ledger.outputs` : `the claim names output ${quoted(output)}, but the declaration has no ledger` }));
      }
    });
  }

  if (ledger) {
    duplicates(problems, ledger.inputs, ['ledger', 'inputs'], 'input');
    duplicates(problems, ledger.outputs, ['ledger', 'outputs'], 'output');
    const declaredSites = siteIds.size > 0 ? someOf(siteIds) : 'none';
    const inputBatches = new Set<string>();
    if (method.transferBoundary.level === 'batch') for (const i of ledger.inputs) if (i.batch !== undefined) inputBatches.add(i.batch);
    // Lines are checked in place, without an intermediate list: a year of lots is a million of them.
    const checkLine = (line: { id: string; site: string; date: string }, path: Array<string | number>, kind: string) => {
      if (!siteIds.has(line.site)) {
        problems.add(() => ({ path: [...path, 'site'], code: 'unknown-reference', message: `${kind} ${quoted(line.id)} names site ${quoted(line.site)}, which is not declared in method.transferBoundary.sites (declared: ${declaredSites})` }));
      }
      if (line.date < period.start || line.date > period.end) {
        problems.add(() => ({ path: [...path, 'date'], code: 'outside-period', message: `${kind} ${quoted(line.id)} is dated ${line.date}, outside the declaration's period ${period.start} to ${period.end}` }));
      }
    };
    ledger.inputs.forEach((line, index) => checkLine(line, ['ledger', 'inputs', index], 'input'));
    ledger.outputs.forEach((line, index) => checkLine(line, ['ledger', 'outputs', index], 'output'));
    ledger.outputs.forEach((output, index) => {
      const group = output.productGroup;
      if (group !== undefined && !groupIds.has(group)) {
        problems.add(() => ({ path: ['ledger', 'outputs', index, 'productGroup'], code: 'unknown-reference', message: `output ${quoted(output.id)} names product group ${quoted(group)}, which is not declared in method.allocation.productGroups (declared: ${groupIds.size > 0 ? someOf(groupIds) : 'none'})` }));
      }
      if (output.certificateQuantity !== undefined && output.certificateId === undefined) {
        problems.add(() => ({ path: ['ledger', 'outputs', index, 'certificateQuantity'], code: 'missing-certificate', message: `output ${quoted(output.id)} states a certificate quantity but no certificateId: a quantity belongs to a certificate` }));
      }
      const batch = output.batch;
      if (method.transferBoundary.level === 'batch' && batch !== undefined && !inputBatches.has(batch)) {
        problems.add(() => ({ path: ['ledger', 'outputs', index, 'batch'], code: 'unknown-reference', message: `output ${quoted(output.id)} names batch ${quoted(batch)}, which no input belongs to` }));
      }
    });
  }
  return problems;
}

export function crossFieldErrors(declaration: Declaration, locate: Locate): ValidationError[] {
  const problems = crossFieldProblems(declaration);
  const errors: ValidationError[] = problems.kept.map(({ path, code, message }) => {
    const pointer = segmentsToPointer(path);
    return { pointer, ...locate(pointer), code, message };
  });
  if (problems.more > 0) errors.push(moreProblemsNote(problems.more));
  return errors;
}
