// POST /v1/report: the compliance and disclosure report of the declaration in the body, as PDF (queued) or HTML.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveRulesets } from '../../check.js';
import { declarationSourceOf, requestWaivers } from '../body.js';
import type { Checker } from '../checker.js';
import { Deadline } from '../deadline.js';
import { noteOutcome } from '../logging.js';
import type { ResolvedServeOptions } from '../options.js';
import { parseReportQuery } from '../query.js';
import type { RenderQueue } from '../renderQueue.js';
import { judge, resultHeaders, sendResult } from '../resultStatus.js';
import { checkOptionsOf } from './check.js';

// The report is the server's own markup with every value escaped; this keeps it inert even when a browser opens it.
const htmlPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

function fileName(id: string | null, extension: string): string {
  const stem = (id ?? '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '').slice(0, 100) || 'report';
  return `${stem}.${extension}`;
}

export function reportHandler(options: ResolvedServeOptions, renders: RenderQueue, checker: Checker) {
  const knownIds = options.registry.ids();
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const query = parseReportQuery(request.query, knownIds);
    const waivers = requestWaivers(request);
    const checkOptions = { ...checkOptionsOf(query, options.registry), ...(waivers ? { waivers } : {}) };
    const rulesets = resolveRulesets(checkOptions);
    declarationSourceOf(request, { decode: false });
    // Refused before any work when no render could start or wait.
    if (query.format === 'pdf') renders.admit();
    const deadline = new Deadline(options.requestTimeoutMs, 'report');
    try {
      const { result, html } = await checker.reportHtml({ request, query, checkOptions, rulesets, deadline });
      noteOutcome(request, result);
      const judged = judge(result);
      if (judged.status !== 200 || typeof html !== 'string') return sendResult(reply, result, judged);
      if (query.format === 'html') {
        return resultHeaders(reply, result)
          .type('text/html; charset=utf-8')
          .header('content-security-policy', htmlPolicy)
          .header('content-disposition', `inline; filename="${fileName(result.declaration.id, 'html')}"`)
          .send(html);
      }
      const onBlockedRequest = (url: string) => request.log.warn({ blockedUrl: url.slice(0, 200) }, 'the report page tried to load a resource; refused');
      const pdf = await deadline.race(renders.run(() => options.renderPdf(html, { pageSize: query.pageSize, onBlockedRequest }), deadline.signal));
      return resultHeaders(reply, result)
        .type('application/pdf').header('content-disposition', `inline; filename="${fileName(result.declaration.id, 'pdf')}"`).send(pdf);
    } finally {
      deadline.dispose();
    }
  };
}
