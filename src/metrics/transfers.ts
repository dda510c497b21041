// Transfers between the sites of a multi-site unit (docs/books.md section 2), window by window and site by site:
// credits a site used from other sites' lots, those from sites with no physical link, and sites that drew on
// others with no reduction of their own in the window. Summed over windows, never netted.
import type { CreditWindow, PoolDemand } from './credits.js';
import { Sum, tidy } from './tolerance.js';
import type { LedgerMetrics } from './types.js';

interface Flows {
  earned: Sum;
  used: Sum;
  imported: Sum;
  importedWithoutLink: Sum;
}

export class TransferBooks {
  private readonly sites = new Map<string, Flows>();
  private readonly transferred = new Sum();
  private readonly withoutLink = new Sum();
  private worst: LedgerMetrics['crossSite']['worst'] = null;
  private withoutOwn = 0;
  private worstWithoutOwn: LedgerMetrics['crossSite']['worstWithoutOwnReductions'] = null;

  private flowsOf(site: string): Flows {
    let f = this.sites.get(site);
    if (!f) this.sites.set(site, (f = { earned: new Sum(), used: new Sum(), imported: new Sum(), importedWithoutLink: new Sum() }));
    return f;
  }

  add(pool: string, demand: PoolDemand, credit: CreditWindow): void {
    this.transferred.add(credit.transferred);
    this.withoutLink.add(credit.transferredWithoutLink);
    for (const lot of demand.earned) this.flowsOf(lot.site).earned.add(lot.amount);
    for (const [site, use] of credit.sites) {
      const f = this.flowsOf(site);
      f.used.add(use.used);
      f.imported.add(use.imported);
      f.importedWithoutLink.add(use.importedWithoutLink);
      if (use.imported > 0 && (!this.worst || use.imported > this.worst.creditsImported)) {
        this.worst = { pool, site, creditsUsed: tidy(use.used), creditsImported: tidy(use.imported), creditsImportedWithoutPhysicalLink: tidy(use.importedWithoutLink) };
      }
      if (use.withoutOwnReductions && use.used > 0) {
        this.withoutOwn++;
        if (!this.worstWithoutOwn || use.used > this.worstWithoutOwn.creditsUsed) this.worstWithoutOwn = { pool, site, creditsUsed: tidy(use.used) };
      }
    }
  }

  result(multiSite: boolean, creditsUsed: number): LedgerMetrics['crossSite'] {
    const transferred = this.transferred.value;
    const withoutLink = this.withoutLink.value;
    const ratio = (part: number) => (multiSite && creditsUsed > 0 ? tidy(part / creditsUsed) : null);
    return {
      multiSite,
      creditsUsed: multiSite ? tidy(creditsUsed) : 0,
      creditsTransferred: tidy(transferred),
      transferShare: ratio(transferred),
      creditsTransferredWithoutPhysicalLink: tidy(withoutLink),
      withoutPhysicalLinkShare: ratio(withoutLink),
      sites: [...this.sites]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([site, f]) => ({ site, creditsEarned: tidy(f.earned.value), creditsUsed: tidy(f.used.value), creditsImported: tidy(f.imported.value), creditsImportedWithoutPhysicalLink: tidy(f.importedWithoutLink.value) })),
      worst: this.worst,
      sitesWithoutOwnReductions: this.withoutOwn,
      worstWithoutOwnReductions: this.worstWithoutOwn,
    };
  }
}
