// The opt-in parts of a check's answer (include=places,view), added where the check ran: each finding's place in
// the declaration or its ledger files, and the report's method profile and ledger metrics for the workbench.
import type { DeclarationSource } from '../declaration/source.js';
import { validateSource } from '../declaration/validate.js';
import { placeFindings } from '../findingPlaces.js';
import type { Declaration } from '../generated/declaration.js';
import { buildReportModel } from '../report/model.js';
import { figure } from '../report/numbers.js';
import type { CheckResult } from '../result.js';
import { POOL_COLUMNS, type CheckAnswerBody, type CheckView, type Include, type PlaceView, type PoolRowView } from './checkView.js';

/**
 * The report's own figures and texts, picked from its model so that the page and the report can never disagree;
 * only what the page draws crosses the wire (a pool's raw figures are already in the result's metrics).
 */
export function checkView(result: CheckResult, declaration: Declaration): CheckView {
  const model = buildReportModel(result, declaration);
  const ledger = model.ledger;
  return {
    isoModel: model.isoModel,
    methodProfile: model.methodProfile,
    claim: model.disclosure.claim,
    ledger: ledger && {
      unit: ledger.unit,
      emissionsUnit: ledger.emissionsUnit,
      figures: ledger.figures,
      pools: ledger.pools.map((p) => ({
        id: p.id,
        boundaryKey: p.boundaryKey,
        window: { start: p.window.start, end: p.window.end },
        fmt: Object.fromEntries(POOL_COLUMNS.map((column) => [column, String(p.fmt[column])])) as PoolRowView['fmt'],
        volume: p.volume,
      })),
      windowsChart: ledger.windowsChart,
      outputsChart: ledger.outputsChart,
      poolsExplanation: ledger.poolsExplanation,
      stackedOutputs: ledger.stackedOutputs.map((o) => ({
        outputId: o.outputId,
        pool: o.pool,
        emissionFactor: figure(o.emissionFactor, 'factor'),
        lowestInputEmissionFactor: figure(o.lowestInputEmissionFactor, 'factor'),
        stackingFactor: figure(o.stackingFactor, 'ratio'),
      })),
      crossSite: ledger.crossSite.multiSite
        ? {
            explanation: ledger.crossSiteExplanation,
            sites: ledger.crossSite.sites.map((s) => ({
              site: s.site,
              creditsEarned: figure(s.creditsEarned, 'amount'),
              creditsUsed: figure(s.creditsUsed, 'amount'),
              creditsImported: figure(s.creditsImported, 'amount'),
              creditsImportedWithoutPhysicalLink: figure(s.creditsImportedWithoutPhysicalLink, 'amount'),
            })),
          }
        : null,
    },
    tolerance: model.tolerance?.statement,
  };
}

function placeView(place: PlaceView): PlaceView {
  const { pointer, line, column, file, sheet, header, namedAt } = place;
  return { pointer, line, column, ...(file !== undefined ? { file } : {}), ...(sheet !== undefined ? { sheet } : {}), ...(header !== undefined ? { header } : {}), ...(namedAt ? { namedAt } : {}) };
}

/**
 * The result with the parts asked for. `declaration` is the validated one when the caller kept it (a worker's
 * runCheck does); otherwise the source, its ledger files already read by the check, is validated again.
 */
export function withInsight(result: CheckResult, source: DeclarationSource, include: readonly Include[], declaration?: Declaration): CheckResult | CheckAnswerBody {
  if (include.length === 0) return result;
  const answer: CheckAnswerBody = { ...result };
  if (include.includes('places') && result.findings) {
    const places = placeFindings(source, result, { cannotTell: true });
    answer.findings = result.findings.map((finding, index) => {
      const place = places.get(index);
      // Only at a value written somewhere: line 0 means the value has no place in any text.
      return place && place.line > 0 ? { ...finding, place: placeView(place) } : finding;
    });
  }
  if (include.includes('view')) {
    let valid = declaration;
    if (!valid && result.valid) {
      const outcome = validateSource(source);
      valid = outcome.valid ? outcome.declaration : undefined;
    }
    answer.view = result.valid && valid ? checkView(result, valid) : null;
  }
  return answer;
}
