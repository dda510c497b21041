// The words the claim reader knows, in English, German, French and Spanish, as they read after normalisation
// (lower case, NFKC: "CO₂" reads "co2"; every dash a hyphen; "percent" words a "%"). Data, kept apart from the
// reading so that a language or a phrasing is added here without touching how a claim is read.

/** Phrases that present a product as fully reduced (100%). Hyphens here match a hyphen or a space (or nothing). */
export const FULL_REDUCTION_PHRASES: readonly string[] = [
  // English
  'zero-carbon', 'zero-co2', 'zero-co2e', 'zero-ghg', 'zero-emission', 'zero-emissions', 'net-zero', 'carbon-zero', 'co2-zero',
  'carbon-free', 'co2-free', 'co2e-free', 'ghg-free', 'emission-free', 'emissions-free', 'fossil-free', 'fossil-fuel-free',
  'carbon-neutral', 'climate-neutral', 'co2-neutral', 'co2e-neutral', 'ghg-neutral', 'greenhouse-gas-neutral', 'carbon-negative', 'climate-positive',
  'fully decarbonised', 'fully decarbonized', 'completely decarbonised', 'completely decarbonized', 'fully carbon-free',
  'without co2 emissions', 'without carbon emissions', 'without emissions', 'with no co2 emissions', 'with no emissions', 'no co2 emissions', 'no carbon emissions',
  'free of co2', 'free of co2e', 'free of carbon', 'free of emissions', 'free of co2 emissions', 'free of carbon emissions', 'free from co2', 'free from carbon', 'free from emissions',
  'free from co2 emissions', 'free from carbon emissions', 'no co2 emitted', 'no co2e emitted', 'no carbon emitted', 'no emissions emitted',
  // German
  'klimaneutral', 'klimaneutrale', 'klimaneutraler', 'klimaneutrales', 'co2-neutral', 'co2-neutrale', 'co2-neutraler', 'co2-frei', 'co2-freie', 'co2-freier', 'co2-freies',
  'emissionsfrei', 'emissionsfreie', 'emissionsfreier', 'kohlenstofffrei', 'kohlenstofffreie', 'treibhausgasneutral', 'treibhausgasneutrale', 'fossilfrei', 'fossilfreie',
  'null emissionen', 'null-emissionen', 'ohne co2-emissionen', 'ohne emissionen', 'vollständig dekarbonisiert', 'vollständig dekarbonisierte',
  // French
  'neutre en carbone', 'carboneutre', 'neutre en co2', 'neutre pour le climat', 'climatiquement neutre', 'zéro carbone', 'zero carbone', 'zéro émission',
  'zéro émissions', 'zero emission', 'sans carbone', 'sans co2', 'sans émissions', 'sans émission', 'décarboné à 100', 'totalement décarboné', 'entièrement décarboné',
  'sans énergie fossile', 'zéro co2', 'zéro émission nette', 'zéro émissions nettes',
  // Spanish
  'cero emisiones', 'cero carbono', 'cero co2', 'emisiones cero', 'carbono cero', 'neutro en carbono', 'neutra en carbono', 'carbono neutral', 'carbono neutro',
  'climáticamente neutro', 'climáticamente neutra', 'neutro en co2', 'neutra en co2', 'libre de co2', 'libre de carbono', 'libre de emisiones', 'sin emisiones',
  'sin co2', 'sin carbono', 'totalmente descarbonizado', 'totalmente descarbonizada', 'completamente descarbonizado', 'completamente descarbonizada', 'libre de fósiles',
];

/** Words that make a percentage a reduction of the product's emissions ("70% lower", "um 70 % reduziert"). */
export const REDUCTION_WORDS: readonly string[] = [
  'reduced', 'reduction', 'reductions', 'reduce', 'reduces', 'lower', 'less', 'fewer', 'cut', 'cuts', 'saving', 'savings', 'saved', 'save', 'saves', 'below', 'decrease', 'decreased', 'down', 'smaller', 'minus', 'low',
  'decarbonised', 'decarbonized',
  'weniger', 'reduziert', 'reduzierte', 'reduzierter', 'reduziertes', 'reduzierten', 'reduzierung', 'reduktion', 'niedriger', 'niedrigere', 'niedrigerer', 'niedrigeres', 'niedrigeren',
  'gesenkt', 'gesenkte', 'gesenkten', 'senkung', 'verringert', 'verringerte', 'verringerten', 'verringerung', 'einsparung', 'eingespart', 'einsparen', 'spart',
  'geringer', 'geringere', 'geringerer', 'geringeres', 'geringeren', 'minderung', 'gemindert', 'unter',
  'dekarbonisiert', 'dekarbonisierte', 'dekarbonisierter',
  'moins', 'réduit', 'réduite', 'réduits', 'réduites', 'réduction', 'réductions', 'inférieur', 'inférieure', 'inférieurs', 'inférieures', 'baisse', 'diminution', 'diminué', 'diminuées', 'économie', 'économiser', 'économise',
  'décarboné', 'décarbonée', 'décarbonés', 'décarbonées',
  'menos', 'reducido', 'reducida', 'reducidos', 'reducidas', 'reducción', 'reducciones', 'reduce', 'reducen', 'inferior', 'inferiores', 'menor', 'menores', 'ahorro', 'ahorrar', 'ahorra', 'ahorran', 'disminución', 'disminuido', 'rebajado',
  'descarbonizado', 'descarbonizada', 'descarbonizados', 'descarbonizadas',
];

/** Words naming what a percentage is about when it is not the product's emissions ("100% renewable electricity"). */
export const OTHER_SUBJECT_WORDS: readonly string[] = [
  'renewable', 'renewables', 'electricity', 'power', 'energy', 'recycled', 'recycling', 'scrap', 'content', 'share', 'output', 'production', 'volume', 'capacity', 'sales',
  'portfolio', 'company', 'group-wide', 'fleet', 'water', 'waste', 'packaging', 'solar', 'wind', 'hydro', 'green power', 'green electricity', 'of our',
  'feedstock', 'feedstocks', 'bio-attributed', 'attributed', 'biomass', 'bio-based', 'hydrogen', 'input', 'inputs', 'raw material', 'raw materials',
  'wasserstoff', 'rohstoff', 'rohstoffe', 'einsatzstoff', 'hydrogène', 'matière première', 'matières premières', 'hidrógeno', 'materia prima', 'materias primas',
  'group', 'groupe', 'konzern', 'grupo', 'entreprise', 'unternehmen', 'empresa', 'total', 'totales', 'overall', 'gesamt', 'site-wide',
  // Process steps and logistics: a step free of emissions is not the product.
  'melting', 'melt', 'smelting', 'casting', 'rolling', 'delivery', 'delivered', 'transport', 'shipping', 'logistics', 'step',
  'schmelzen', 'walzen', 'gießen', 'lieferung', 'geliefert', 'versand', 'prozessschritt',
  'fusion', 'laminage', 'coulée', 'livraison', 'livré', 'étape',
  'fusión', 'laminación', 'colada', 'entrega', 'entregado', 'envío', 'etapa',
  'erneuerbar', 'erneuerbare', 'erneuerbarer', 'erneuerbaren', 'ökostrom', 'strom', 'energie', 'recycelt', 'recycelte', 'recycling', 'schrott', 'schrottanteil', 'anteil', 'produktion', 'rezyklat',
  'renouvelable', 'renouvelables', 'électricité', 'énergie', 'recyclé', 'recyclée', 'recyclage', 'ferraille', 'part', 'production', 'électricité verte',
  'renovable', 'renovables', 'electricidad', 'energía', 'reciclado', 'reciclada', 'reciclaje', 'chatarra', 'cuota', 'producción', 'parte',
];

/** Words that negate what follows them in a clause. */
export const NEGATIONS: readonly string[] = [
  'not', 'never', "isn't", "aren't", "doesn't", "don't", "wasn't", 'nor', 'no longer', 'cannot', "can't",
  'nicht', 'kein', 'keine', 'keinen', 'keiner', 'nie', 'niemals',
  'pas', 'jamais', 'non', "n'est", 'ni',
  'nunca', 'tampoco', 'no', 'no es', 'no son', 'no está', 'no están',
];

/** Phrases that deny everything after them in their clause ("it is not true that", "nous ne prétendons pas que"). */
export const DENIALS: readonly string[] = [
  'not true that', "isn't true that", 'false that', 'we do not claim', "we don't claim", 'we do not say', 'we make no claim', 'no claim that',
  'nicht wahr, dass', 'nicht wahr dass', 'stimmt nicht, dass', 'stimmt nicht dass', 'wir behaupten nicht', 'falsch, dass',
  "n'est pas vrai que", 'faux de dire que', 'ne prétendons pas', 'ne prétend pas', "n'affirmons pas",
  'no es cierto que', 'no es verdad que', 'es falso que', 'no afirmamos', 'no pretendemos',
];

/** Phrases with a negation word that intensify rather than negate ("not just low-carbon: carbon-neutral"). */
export const NOT_ONLY: readonly string[] = ['not just', 'not only', 'not merely', 'nicht nur', 'nicht bloß', 'pas seulement', 'non seulement', 'pas uniquement', 'no solo', 'no sólo', 'no solamente', 'no únicamente'];

/** Answers that deny a phrase asked as a question ("Klimaneutral? Noch nicht."). */
export const NOT_YET: readonly string[] = ['not yet', 'not quite', 'not entirely', 'noch nicht', 'nicht ganz', 'pas encore', 'pas tout à fait', 'todavía no', 'aún no', 'no del todo', 'no todavía'];

/** Words that place a figure in the present, apart from a target named beside it ("en 2050: hoy, un 30 % menor"). */
export const NOW_WORDS: readonly string[] = ['today', 'now', 'already', 'currently', 'at present', 'heute', 'bereits', 'schon', 'derzeit', 'aktuell', "aujourd'hui", 'déjà', 'actuellement', 'hoy', 'ya', 'actualmente', 'hoy en día'];

/** Who, other than the product, a reduction may be about: the company, its group, its scope 1 to 3 emissions. */
export const ORGANISATION_WORDS: readonly string[] = [
  'company', 'company-wide', 'group', 'group-wide', 'corporate', 'our operations', 'scope 1', 'scope 2', 'scope 3', 'scope-1', 'scope-2', 'scope-3',
  'unternehmen', 'konzern', 'gruppe', 'entreprise', 'groupe', 'société', 'empresa', 'grupo', 'compañía',
];

/** Words that name the product, so that a reduction in the same part of a sentence is the product's. */
export const PRODUCT_WORDS: readonly string[] = [
  'product', 'products', 'steel', 'coil', 'coils', 'plate', 'grade', 'aluminium', 'aluminum', 'cement', 'concrete', 'clinker', 'polymer', 'polyethylene', 'plastic', 'cocoa', 'chocolate',
  'produkt', 'produkte', 'stahl', 'stähle', 'blech', 'zement', 'beton', 'kunststoff', 'kakao', 'schokolade',
  'produit', 'produits', 'acier', 'aciers', 'tôle', 'ciment', 'béton', 'polymère', 'polyéthylène', 'cacao', 'chocolat',
  'producto', 'productos', 'acero', 'aceros', 'chapa', 'cemento', 'hormigón', 'polímero', 'polietileno', 'cacao',
];

/** Number words written before a percent sign ("seventy per cent"), by their value. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  ten: 10, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  zehn: 10, zwanzig: 20, dreißig: 30, vierzig: 40, fünfzig: 50, sechzig: 60, siebzig: 70, achtzig: 80, neunzig: 90,
  dix: 10, vingt: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60, 'soixante-dix': 70, 'quatre-vingt': 80, 'quatre-vingts': 80, 'quatre-vingt-dix': 90,
  diez: 10, veinte: 20, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90,
};
/** English units after a ten ("seventy-five"). */
export const UNIT_WORDS: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };

/** Words before a full-reduction phrase that make it less than full ("near-zero", "nahezu klimaneutral"). */
export const QUALIFIERS: readonly string[] = [
  'near', 'nearly', 'almost', 'close to', 'virtually', 'practically', 'quasi', 'low', 'lower', 'reduced',
  'nahezu', 'fast', 'beinahe', 'annähernd', 'praktisch', 'presque', 'quasiment', 'pratiquement', 'casi', 'prácticamente', 'cercano a',
];

/** Words that make a clause a target or an aspiration, not a statement about this product. */
export const TARGET_WORDS: readonly string[] = [
  'target', 'targets', 'goal', 'goals', 'aim', 'aims', 'ambition', 'aspire', 'aspiration', 'strive', 'roadmap', 'pathway', 'journey', 'towards', 'toward', 'on our way', 'on the way',
  'commit to', 'committed to', 'commitment', 'plan to', 'plans to', 'planned', 'will be', 'will become', 'will reach', 'will achieve', 'a step',
  'ziel', 'ziele', 'zielen', 'konzernziel', 'auf dem weg', 'weg zu', 'streben', 'anstreben', 'wollen', 'werden', 'fahrplan', 'schritt', 'erreichen',
  'objectif', 'objectifs', 'vers', 'en route', 'ambition', 'feuille de route', 'viser', 'vise', 'visons', 'visent', "d'ici", 'sera', 'deviendra', 'atteindre', 'atteindra',
  'objetivo', 'objetivos', 'meta', 'metas', 'hacia', 'camino', 'aspirar', 'aspiramos', 'hoja de ruta', 'será', 'paso', 'alcanzar', 'alcanzará', 'compromiso',
];

/** Words that qualify a percentage as a maximum ("up to 90%"). */
export const UP_TO_WORDS: readonly string[] = ['up to', 'as much as', 'bis zu', "jusqu'à", 'hasta'];

/** Words that say a stated factor is the product's physical footprint rather than an allocated one. */
export const PHYSICAL_WORDS: readonly string[] = [
  'physical', 'physically', 'average', 'averages', 'averaged', 'as made', 'as produced', 'site average', 'pool average', 'original', 'actual', 'unallocated', 'mill average', 'plant average',
  'physisch', 'physische', 'physischer', 'physikalisch', 'durchschnitt', 'durchschnittlich', 'durchschnittliche', 'tatsächlich', 'tatsächliche',
  'physique', 'moyenne', 'moyen', 'réel', 'réelle', 'físico', 'física', 'promedio', 'media', 'real',
];

/** Words that say a factor is the allocated or certified value, not the physical one. */
export const ALLOCATED_WORDS: readonly string[] = ['allocated', 'attributed', 'certified', 'assigned', 'zugeordnet', 'zugewiesen', 'alloué', 'allouée', 'attribué', 'attribuée', 'asignado', 'asignada', 'atribuido', 'atribuida'];

/** Words that say a factor is a reference the product is compared with, not its own physical footprint. */
export const REFERENCE_WORDS: readonly string[] = [
  'baseline', 'benchmark', 'conventional', 'reference', 'industry', 'sector', 'global', 'world', 'blast furnace', 'bf-bof', 'counterfactual',
  'basislinie', 'referenz', 'referenzwert', 'konventionell', 'konventionelle', 'branche', 'branchendurchschnitt', 'hochofen',
  'référence', 'référentiel', 'conventionnel', 'conventionnelle', 'industrie', 'haut fourneau', 'haut-fourneau',
  'línea base', 'línea de base', 'referencia', 'convencional', 'industria', 'alto horno',
];

/** Names of the mass-balance model, and of the two ISO 22095-2 methods. */
export const MASS_BALANCE_WORDS: readonly string[] = ['mass balance', 'mass-balance', 'massebilanz', 'massenbilanz', 'bilan massique', 'bilan de masse', 'balance de masas', 'balance de masa'];
export const CREDIT_METHOD_WORDS: readonly string[] = [
  'credit', 'credits', 'book and claim credit', 'gutschrift', 'gutschriften', 'gutschriftmethode', 'gutschriftenmethode', 'gutschriftverfahren', 'gutschriftenverfahren',
  'credit-methode', 'kreditmethode', 'kreditverfahren', 'crédit', 'crédits', 'crédito', 'créditos',
];
export const ROLLING_AVERAGE_WORDS: readonly string[] = [
  'rolling average', 'rolling-average', 'average percentage', 'gleitender durchschnitt', 'gleitenden durchschnitts', 'gleitenden durchschnitt', 'gleitendem durchschnitt',
  'rollierender durchschnitt', 'rollierenden durchschnitts', 'durchschnittsprozentsatz', 'moyenne mobile', 'moyenne glissante', 'pourcentage moyen glissant', 'pourcentage moyen',
  'media móvil', 'promedio móvil', 'porcentaje medio móvil', 'porcentaje promedio', 'porcentaje medio',
];

/** Number words that spell one hundred, as in "one hundred percent". */
export const HUNDRED_WORDS: readonly string[] = ['one hundred', 'a hundred', 'hundred', 'einhundert', 'hundert', 'cent', 'cien', 'ciento'];

/** Spellings of "percent" that read as "%". */
export const PERCENT_WORDS: readonly string[] = ['per cent', 'percent', 'pct.', 'pct', 'prozent', 'pour cent', 'pourcent', 'por ciento', 'por cien'];
