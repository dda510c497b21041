// The mbcheck library: the public API. The CLI is a thin shell over these functions.
export { checkFile, checkSource, validateDeclaration, resolveRulesets, today, type CheckOptions } from './check.js';
export { readSource, sourceFromText, sourceFromBytes, type DeclarationSource } from './declaration/source.js';
export { validateSource, type ValidationOutcome } from './declaration/validate.js';
export type { ValidationError } from './declaration/problems.js';
export { deriveMetrics } from './metrics/derive.js';
export type * from './metrics/types.js';
export { RELATIVE_TOLERANCE, toleranceStatement } from './metrics/tolerance.js';
export { RulesetRegistry, bundledRegistry } from './rulesets/registry.js';
export { EUDR_COMMODITIES, matchEudrCommodity, eudrCommodityOf, eudrNearMiss, sameCommodity, type EudrCommodity, type CommodityMatch, type CommodityNearMiss } from './commodities.js';
export { loadRulesetFile, type LoadedRuleset } from './rulesets/load.js';
export { runRuleFixtures, loadRuleFixtures, type RuleReport } from './rulesets/fixtures.js';
export { compiledRuleset } from './engine/evaluate.js';
export { describeCondition } from './engine/describe.js';
export { formatters } from './format/index.js';
export type { CheckResult, Finding, RulesetSummary, Outcome } from './result.js';
export type { Declaration } from './generated/declaration.js';
export type { Ruleset, Rule } from './generated/ruleset.js';
export { MbcheckError } from './errors.js';
export { readWaivers } from './waivers/read.js';
export type { Waiver } from './generated/waivers.js';
export type { WaiverOutcome } from './result.js';
// The HTTP service is the subpath mbcheck/serve: importing the library loads neither Fastify nor its plugins.
export { renderReport, closeReportBrowser, type ReportRequest, type ReportOutput } from './report/render.js';
// The verifier's block of a report: a file of schemas/verifier.schema.json read, its logo inlined.
export { readVerifier, parseVerifier, type ReportVerifier, type Verifier } from './report/verifier.js';
export { tool } from './version.js';
// Signed attestations: node:crypto only, so the library stays light to import.
export { attest, verifyAttestation, formatVerification, generateKeyPair, readPrivateKey, readPublicKey, keyFingerprint, canonicalJson, type AttestRequest, type AttestationFormat, type Verification, type VerifyInputs, type Statement } from './attest/index.js';
export type { CheckAttestation } from './generated/attestation.js';
